// Packing video lookup (#/evidence): scan (keyboard wedge) or type a waybill or order id and the
// parcel's clip plays, with the scans on a timeline that seeks the video, the stills, pinning for a
// dispute and the export zip. Files come from the station's HTTP server with the session secret,
// or under Electron from the shell's evidence scheme (session-url.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceClip, EvidenceResult } from '../../contract/api/video.js';
import { envelopeOf } from '../client/types.js';
import { useServices } from '../context.js';
import { EVIDENCE_SCAN } from '../scan/useWedge.js';
import { withSession } from '../session-url.js';
import { DisputeCases } from './DisputeCases.js';

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString('zh-CN', { hour12: false });
}

function offset(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function PackVideo({ pack, onPin }: { pack: EvidenceClip; onPin: (pinned: boolean) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const clip = pack.clips.find((c) => c.url !== null) ?? null;
  const seek = (at: number) => {
    if (!video.current) return;
    video.current.currentTime = Math.max(0, (at - pack.startMs) / 1000 - 0.5);
    void video.current.play().catch(() => {});
  };
  return (
    <section className="evidence-pack" data-testid="evidence-pack">
      <dl className="evidence-facts">
        <dt>{t('evidence.order')}</dt>
        <dd data-testid="evidence-order">{pack.orderId}</dd>
        <dt>{t('evidence.waybill')}</dt>
        <dd>{pack.waybills.join(', ') || '—'}</dd>
        <dt>{t('evidence.packer')}</dt>
        <dd>{pack.packerId ?? '—'}</dd>
        <dt>{t('evidence.time')}</dt>
        <dd>
          {new Date(pack.startMs).toLocaleDateString('zh-CN')} {clock(pack.startMs)} – {clock(pack.endMs)}
        </dd>
      </dl>
      {clip ? (
        <video
          ref={video}
          data-testid="evidence-video"
          src={withSession(clip.url!)}
          controls
          autoPlay
          muted
          playsInline
          className="evidence-player"
        />
      ) : (
        <p className="evidence-deleted">{t('evidence.deleted')}</p>
      )}
      <h3>{t('evidence.timeline')}</h3>
      <ol className="evidence-timeline" data-testid="evidence-timeline">
        {pack.marks.map((m, i) => (
          <li key={i} data-testid="evidence-mark" data-kind={m.kind}>
            <button type="button" onClick={() => seek(m.at)} disabled={!clip}>
              <span className="evidence-offset">{offset(m.at - pack.startMs)}</span>{' '}
              <span className="evidence-kind">{t(`evidence.mark.${m.kind}`)}</span> <code>{m.text}</code>
              {m.verdict ? (
                <span className={`evidence-verdict verdict-${m.verdict}`}> {t(`verdict.${m.verdict}`)}</span>
              ) : null}
            </button>
          </li>
        ))}
      </ol>
      {pack.stills.length > 0 ? (
        <>
          <h3>{t('evidence.stills')}</h3>
          <div className="evidence-stills">
            {pack.stills.map((s) =>
              s.url ? (
                <figure key={s.id}>
                  <img src={withSession(s.url)} alt={t(`evidence.moment.${s.moment ?? 'scan'}`)} loading="lazy" />
                  <figcaption>
                    {t(`evidence.moment.${s.moment ?? 'scan'}`)} {clock(s.at)}
                  </figcaption>
                </figure>
              ) : null,
            )}
          </div>
        </>
      ) : null}
      <p className="evidence-actions">
        <a href={withSession(pack.exportUrl)} download data-testid="evidence-export">
          {t('evidence.export')}
        </a>{' '}
        <button type="button" data-testid="evidence-pin" onClick={() => onPin(!pack.pinned)}>
          {pack.pinned ? t('evidence.unpin') : t('evidence.pin')}
        </button>{' '}
        {pack.pinned ? <span className="evidence-pinned">{t('evidence.pinned')}</span> : null}
      </p>
    </section>
  );
}

export function EvidenceScreen() {
  const { t } = useTranslation();
  const { client } = useServices();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<EvidenceResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // While a dispute waits for a supervisor's badge, the wedge's next scan is that badge.
  const awaitingBadge = useRef(false);
  const [badgeScan, setBadgeScan] = useState<string | null>(null);

  const find = useCallback(
    async (raw: string) => {
      const value = raw.trim();
      if (!value) return;
      setCode(value);
      setBusy(true);
      setError(null);
      try {
        setResult(await client.request('video.find', { code: value }));
      } catch (err) {
        setResult(null);
        setError(envelopeOf(err).message);
      } finally {
        setBusy(false);
      }
    },
    [client],
  );

  useEffect(() => {
    const onScan = (e: Event) => {
      const text = (e as CustomEvent<string>).detail;
      if (awaitingBadge.current) setBadgeScan(text);
      else void find(text);
    };
    window.addEventListener(EVIDENCE_SCAN, onScan);
    return () => window.removeEventListener(EVIDENCE_SCAN, onScan);
  }, [find]);

  const pin = async (packId: string, pinned: boolean) => {
    try {
      await client.request('video.pin', { packId, pinned });
      if (result) await find(result.code);
    } catch (err) {
      setError(envelopeOf(err).message);
    }
  };

  return (
    <main className="evidence-screen" data-testid="evidence-screen">
      <header className="evidence-head">
        <h2>{t('evidence.title')}</h2>
        <a href="#/">←</a>
      </header>
      <form
        className="evidence-form"
        onSubmit={(e) => {
          e.preventDefault();
          void find(code);
        }}
      >
        <label>
          {t('evidence.field')}{' '}
          <input
            data-testid="evidence-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('evidence.prompt')}
            autoComplete="off"
          />
        </label>{' '}
        <button type="submit" disabled={busy}>
          {busy ? t('evidence.searching') : t('evidence.find')}
        </button>
      </form>
      {error ? (
        <p className="evidence-error" role="alert">
          {t('evidence.error', { message: error })}
        </p>
      ) : null}
      {result && result.packs.length === 0 ? (
        <p className="evidence-none" data-testid="evidence-none">
          {t('evidence.none', { code: result.code })}
        </p>
      ) : null}
      {result?.packs.map((p) => (
        <PackVideo key={p.packId} pack={p} onPin={(v) => void pin(p.packId, v)} />
      ))}
      <DisputeCases
        scannedBadge={badgeScan}
        onAwaitBadge={(waiting) => {
          awaitingBadge.current = waiting;
          setBadgeScan(null);
        }}
      />
    </main>
  );
}
