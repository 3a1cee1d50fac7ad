// A rate per hour, or "—" with the reason when it is held back (issue 12 §6): the figures leave a
// rate null until the group has stats.minActiveMinutes of active time, so two minutes of work never
// read as "1040 件/h". The reason is a tooltip and, for screen readers, the accessible name.
import { useTranslation } from 'react-i18next';
import { NONE, oneDecimal } from './format.js';

export function Rate({
  value,
  activeMs,
  minActiveMinutes,
}: {
  value: number | null;
  activeMs: number;
  minActiveMinutes: number | undefined;
}) {
  const { t } = useTranslation();
  if (value !== null) return <>{oneDecimal(value)}</>;
  const why =
    activeMs > 0 && minActiveMinutes
      ? t('supervisor.rate.heldBack', { min: minActiveMinutes, active: Math.floor(activeMs / 60_000) })
      : t('supervisor.rate.none');
  return (
    <span className="rate-held" title={why} aria-label={`${NONE} ${why}`} data-held="true">
      {NONE}
    </span>
  );
}
