// The last closed handover batch: counts, whether its 交接单 printed, and the parcels packed today for
// the carrier that no batch took (from every desk when the hub answered, else this desk's own).
import { useTranslation } from 'react-i18next';
import type { HandoverView } from '../../../contract/handover.js';

type Closed = NonNullable<HandoverView['lastClosed']>;

export function LastBatch({ batch, carriers }: { batch: Closed; carriers: Record<string, string> }) {
  const { t } = useTranslation();
  const time = new Date(batch.closedAt).toLocaleTimeString('zh-CN', { hour12: false });
  return (
    <section className="handover-closed" data-testid="handover-closed" data-print={batch.print}>
      <h3>
        {t('handover.lastClosed')} · {carriers[batch.carrier] ?? batch.carrier} ·{' '}
        {t('handover.countValue', { count: batch.count })} · {t('handover.closedAt', { time })}
      </h3>
      <p className={`handover-print handover-print-${batch.print}`} data-testid="handover-print">
        {t(`handover.print.${batch.print}`, { error: batch.printError ?? '' })}
      </p>
      {batch.missing.length === 0 ? (
        <p className="handover-missing-none" data-testid="handover-missing-none">
          {t('handover.missingNone')}
        </p>
      ) : (
        <div className="handover-missing" data-testid="handover-missing">
          <h4>
            {t('handover.missingTitle', { count: batch.missing.length })} ·{' '}
            {t(`handover.missingFrom.${batch.missingFrom}`)}
          </h4>
          <ul>
            {batch.missing.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
