// Today's tally for this station: the packer's own scoreboard.
import { useTranslation } from 'react-i18next';
import type { Counters as CountersView } from '../../contract/station.js';
import { colors } from '../theme.js';

/** One big figure with its caption; `warn` turns the figure red (errors). */
export function Counter({
  testId,
  value,
  label,
  warn = false,
}: {
  testId: string;
  value: number;
  label: string;
  warn?: boolean;
}) {
  return (
    <div className="counter">
      <span className="n" data-testid={testId} style={warn ? { color: colors.red } : undefined}>
        {value}
      </span>
      <span className="muted">{label}</span>
    </div>
  );
}

export function Counters({ counters }: { counters: CountersView }) {
  const { t } = useTranslation();
  return (
    <section className="counters" aria-label={t('counters.title')}>
      <h2>{t('counters.title')}</h2>
      <Counter testId="counter-orders" value={counters.orders} label={t('counters.orders')} />
      <Counter testId="counter-units" value={counters.units} label={t('counters.units')} />
      <Counter
        testId="counter-errors"
        value={counters.errors}
        label={t('counters.errors')}
        warn={counters.errors > 0}
      />
    </section>
  );
}
