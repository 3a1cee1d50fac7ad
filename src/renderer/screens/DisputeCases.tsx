// The evidence screen's after-sale disputes (举证): the hub's cases on orders this desk packed, each
// with the order's stills to tick. Sending needs a supervisor: their badge scan (wedge, routed here
// by the screen while `awaitingBadge`) or typed badge confirms, and only then do stills leave.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDisputeCase, DisputesResult } from '../../contract/api/disputes.js';
import { envelopeOf } from '../client/types.js';
import { useServices } from '../context.js';
import { withSession } from '../session-url.js';

interface Props {
  /** A badge scanned while this panel waits for one (null: nothing scanned yet). */
  scannedBadge: string | null;
  /** Tells the screen to route the next wedge scan here instead of looking a parcel up. */
  onAwaitBadge: (waiting: boolean) => void;
}

function CaseCard({ c, onSend }: { c: DeskDisputeCase; onSend: (stillIds: number[]) => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<number[]>([]);
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const canSend = c.state === 'open' || c.state === 'failed';
  const stills = c.stills.filter((s) => s.url !== null);
  return (
    <li className="dispute-case" data-testid="dispute-case" data-state={c.state}>
      <strong>{t('evidence.dispute.case', { id: c.caseId })}</strong> · {t('evidence.order')} {c.orderId} · {c.type} ·{' '}
      <span data-testid="dispute-state">{t(`evidence.dispute.state.${c.state}`)}</span>
      <div>
        {t('evidence.dispute.reason')}: {c.reason || '—'}
      </div>
      {c.state === 'failed' && c.error ? (
        <p role="alert">{t('evidence.dispute.failed', { message: c.error })}</p>
      ) : null}
      {canSend && stills.length === 0 ? <p>{t('evidence.dispute.noStills')}</p> : null}
      {canSend && stills.length > 0 ? (
        <>
          <p>{t('evidence.dispute.pick')}</p>
          <div className="evidence-stills">
            {stills.map((s) => (
              <label key={s.id} className="dispute-still">
                <input
                  type="checkbox"
                  data-testid="dispute-still"
                  checked={picked.includes(s.id)}
                  onChange={() => toggle(s.id)}
                />
                <img src={withSession(s.url!)} alt={t(`evidence.moment.${s.moment ?? 'scan'}`)} loading="lazy" />
              </label>
            ))}
          </div>
          <button
            type="button"
            data-testid="dispute-confirm"
            disabled={picked.length === 0}
            onClick={() => onSend(picked)}
          >
            {t('evidence.dispute.confirm', { count: picked.length })}
          </button>
        </>
      ) : null}
    </li>
  );
}

export function DisputeCases({ scannedBadge, onAwaitBadge }: Props) {
  const { t } = useTranslation();
  const { client } = useServices();
  const [result, setResult] = useState<DisputesResult | null>(null);
  const [pending, setPending] = useState<{ caseId: string; stillIds: number[] } | null>(null);
  const [badge, setBadge] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setResult(await client.request('video.disputes', {}));
    } catch {
      // A core without the method (an older station) simply shows no panel.
      setResult(null);
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const send = useCallback(
    async (value: string) => {
      if (!pending || !value.trim()) return;
      try {
        await client.request('video.disputeProof', { ...pending, badge: value.trim() });
        setMessage({ ok: true, text: t('evidence.dispute.sent') });
      } catch (err) {
        setMessage({ ok: false, text: t('evidence.dispute.error', { message: envelopeOf(err).message }) });
      }
      setPending(null);
      setBadge('');
      onAwaitBadge(false);
      await load();
    },
    [client, pending, onAwaitBadge, load, t],
  );

  // Only a new scan sends, with the latest `send` (it changes with every pick).
  const sendLatest = useRef(send);
  sendLatest.current = send;
  useEffect(() => {
    if (scannedBadge !== null) void sendLatest.current(scannedBadge);
  }, [scannedBadge]);

  if (!result) return null;
  return (
    <section className="dispute-cases" data-testid="dispute-cases">
      <h3>{t('evidence.dispute.title')}</h3>
      {!result.ok ? (
        result.reason === 'unreachable' ? (
          <p>{t('evidence.dispute.unreachable', { message: result.message })}</p>
        ) : null
      ) : result.cases.length === 0 ? (
        <p data-testid="dispute-none">{t('evidence.dispute.none')}</p>
      ) : (
        <ul>
          {result.cases.map((c) => (
            <CaseCard
              key={c.caseId}
              c={c}
              onSend={(stillIds) => {
                setPending({ caseId: c.caseId, stillIds });
                setMessage(null);
                onAwaitBadge(true);
              }}
            />
          ))}
        </ul>
      )}
      {pending ? (
        <form
          className="dispute-badge"
          onSubmit={(e) => {
            e.preventDefault();
            void send(badge);
          }}
        >
          <label>
            {t('evidence.dispute.badge')}{' '}
            <input
              data-testid="dispute-badge"
              value={badge}
              onChange={(e) => setBadge(e.target.value)}
              placeholder={t('evidence.dispute.badgeField')}
              autoComplete="off"
              type="password"
            />
          </label>{' '}
          <button type="submit">{t('evidence.dispute.send')}</button>{' '}
          <button
            type="button"
            onClick={() => {
              setPending(null);
              onAwaitBadge(false);
            }}
          >
            {t('evidence.dispute.cancel')}
          </button>
        </form>
      ) : null}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} data-testid="dispute-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
