// The logged-in packer's own figures, next to the station counters: a glance tells them how the
// day and the hour are going against their best, without leaving the packing flow.
import { useTranslation } from 'react-i18next';
import type { PackerFigures as Figures } from '../../shared/api/supervisor.js';
import { colors } from '../theme.js';
import { hourText } from './supervisor/format.js';

export function PackerFigures({ figures }: { figures: Figures | null }) {
  const { t } = useTranslation();
  if (!figures) return null;
  return (
    <section className="counters packer-figures" data-testid="packer-figures" data-packer={figures.packerId} aria-label={t('myFigures.title')}>
      <h2>{t('myFigures.title')}</h2>
      <div className="counter">
        <span className="n" data-testid="packer-today">
          {figures.todayUnits}
        </span>
        <span className="muted">{t('myFigures.today')}</span>
      </div>
      <div className="counter">
        <span className="n" data-testid="packer-hour">
          {figures.thisHourUnits}
        </span>
        <span className="muted">{t('myFigures.hour')}</span>
      </div>
      <div className="counter" data-testid="packer-best" data-units={figures.bestHourUnits} data-hour={figures.bestHourAt ?? ''}>
        <span className="n">{figures.bestHourUnits}</span>
        <span className="muted">{t('myFigures.best')}</span>
        <small className="muted best-at">
          {figures.bestHourAt ? t('myFigures.bestAt', { hour: hourText(figures.bestHourAt) }) : t('myFigures.noBest')}
        </small>
      </div>
      <div className="counter">
        <span className="n" data-testid="packer-errors" style={{ color: figures.errorsToday > 0 ? colors.red : undefined }}>
          {figures.errorsToday}
        </span>
        <span className="muted">{t('myFigures.errors')}</span>
      </div>
    </section>
  );
}
