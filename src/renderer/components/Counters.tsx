// Today's tally for this station: the packer's own scoreboard.
import { useTranslation } from 'react-i18next';
import type { Counters as CountersView } from '../../shared/station.js';
import { colors } from '../theme.js';

export function Counters({ counters }: { counters: CountersView }) {
  const { t } = useTranslation();
  return (
    <section className="counters" aria-label={t('counters.title')}>
      <h2>{t('counters.title')}</h2>
      <div className="counter">
        <span className="n" data-testid="counter-orders">
          {counters.orders}
        </span>
        <span className="muted">{t('counters.orders')}</span>
      </div>
      <div className="counter">
        <span className="n" data-testid="counter-units">
          {counters.units}
        </span>
        <span className="muted">{t('counters.units')}</span>
      </div>
      <div className="counter">
        <span className="n" data-testid="counter-errors" style={{ color: counters.errors > 0 ? colors.red : undefined }}>
          {counters.errors}
        </span>
        <span className="muted">{t('counters.errors')}</span>
      </div>
    </section>
  );
}
