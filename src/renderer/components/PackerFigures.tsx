// The logged-in packer's own figures, next to the station counters: a glance tells them how the
// day and the hour are going against their best, without leaving the packing flow.
import { useTranslation } from 'react-i18next';
import type { PackerFigures as Figures } from '../../contract/api/supervisor.js';
import { Counter } from './Counters.js';
import { hourText } from './supervisor/format.js';

export function PackerFigures({ figures }: { figures: Figures | null }) {
  const { t } = useTranslation();
  if (!figures) return null;
  return (
    <section
      className="counters packer-figures"
      data-testid="packer-figures"
      data-packer={figures.packerId}
      aria-label={t('myFigures.title')}
    >
      <h2>{t('myFigures.title')}</h2>
      <Counter testId="packer-today" value={figures.todayUnits} label={t('myFigures.today')} />
      <Counter testId="packer-hour" value={figures.thisHourUnits} label={t('myFigures.hour')} />
      <div
        className="counter"
        data-testid="packer-best"
        data-units={figures.bestHourUnits}
        data-hour={figures.bestHourAt ?? ''}
      >
        <span className="n">{figures.bestHourUnits}</span>
        <span className="muted">{t('myFigures.best')}</span>
        <small className="muted best-at">
          {figures.bestHourAt ? t('myFigures.bestAt', { hour: hourText(figures.bestHourAt) }) : t('myFigures.noBest')}
        </small>
      </div>
      <Counter
        testId="packer-errors"
        value={figures.errorsToday}
        label={t('myFigures.errors')}
        warn={figures.errorsToday > 0}
      />
    </section>
  );
}
