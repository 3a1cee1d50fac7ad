// The one line the packer reads from across the desk: what to scan or do next.
import { useTranslation } from 'react-i18next';
import type { PackState } from '../../contract/entities.js';
import type { Prompt, StationSnapshot } from '../../contract/station.js';
import { colors } from '../theme.js';

const NEXT_BY_STATE: Record<PackState, string> = {
  idle: 'next.scanOrder',
  verifying: 'next.scanItems',
  weighing: 'next.weigh',
  labeling: 'next.labeling',
  done: 'next.done',
  exception: 'next.exception',
  held: 'next.held',
  // A cancelled pack is never the open one; after a cancel the next thing is an order scan.
  cancelled: 'next.scanOrder',
};

export function nextActionKey(snapshot: StationSnapshot): string {
  if (!snapshot.packer && snapshot.station.requireLogin) return 'next.login';
  if (snapshot.pack) return NEXT_BY_STATE[snapshot.pack.state];
  if (snapshot.lastPack) return snapshot.lastPack.state === 'held' ? 'next.held' : 'next.done';
  return 'next.scanOrder';
}

export function PromptLine({ prompt }: { prompt: Prompt }) {
  const { t } = useTranslation();
  const text =
    prompt.kind === 'supervisor'
      ? t('prompt.supervisor')
      : prompt.supervisorId
        ? t('prompt.reasonBy', { supervisor: prompt.supervisorId, purpose: t(`purpose.${prompt.purpose}`) })
        : t('prompt.reason', { purpose: t(`purpose.${prompt.purpose}`) });
  return (
    <div className="prompt" data-testid="prompt" data-kind={prompt.kind} role="status">
      ▶ {text}
    </div>
  );
}

export function NextAction({ snapshot, showPrompt }: { snapshot: StationSnapshot; showPrompt: boolean }) {
  const { t } = useTranslation();
  const key = nextActionKey(snapshot);
  const done = key === 'next.done';
  const qty = snapshot.pack?.qtyMultiplier ?? null;
  return (
    <section className="next-action" data-testid="next-action" data-key={key}>
      <div className="next-text" data-testid="next-text" style={{ color: done ? colors.green : colors.ink }}>
        {t(key)}
      </div>
      {qty !== null && qty > 1 ? (
        <div className="qty-multiplier" data-testid="qty-multiplier" style={{ background: colors.amber }}>
          {t('order.qtyMultiplier', { n: qty })}
        </div>
      ) : null}
      {showPrompt && snapshot.prompt ? <PromptLine prompt={snapshot.prompt} /> : null}
    </section>
  );
}
