// Live weight, kept small: while weighing the hero (Hero.tsx) shows the reading large against its
// window. Subscribes to the scale reading on its own, so ~10 readings a second re-render only this
// panel and the hero, never the order table or the label preview.
import { useTranslation } from 'react-i18next';
import type { WeightWindow } from '../../contract/station.js';
import { useApp } from '../context.js';
import { formatWeight, weightZone } from '../format.js';
import { colors } from '../theme.js';

export function ScalePanel({ weightWindow }: { weightWindow: WeightWindow | null }) {
  const { t } = useTranslation();
  const reading = useApp((s) => s.scale);
  const ok = reading !== null && reading.status === 'ok';
  // Nothing on the platform: neutral words, not a red "0 g" against the window.
  const empty = ok && reading.grams < Math.max(1, (weightWindow?.minG ?? 0) / 4);
  const grams = ok ? reading.grams : null;
  const zone = empty ? 'none' : weightZone(grams, weightWindow);
  const color = zone === 'inside' ? colors.green : zone === 'outside' ? colors.red : colors.ink;

  return (
    <section className="scale-panel" aria-label={t('scale.title')} data-weighing={weightWindow !== null}>
      <h2>{t('scale.title')}</h2>
      <div className="scale-row">
        <div
          className="scale-weight"
          data-testid="scale-weight"
          data-grams={grams ?? ''}
          data-zone={zone}
          data-empty={empty}
          style={{ color }}
        >
          {reading === null
            ? t('scale.noReading')
            : reading.status !== 'ok'
              ? t(`scale.status.${reading.status}`)
              : empty
                ? t('console.hero.empty')
                : formatWeight(reading.grams)}
        </div>
        <div
          className="scale-stable"
          data-testid="scale-stable"
          data-stable={reading?.stable ?? false}
          style={{ color: reading?.stable ? colors.green : colors.amber }}
        >
          {reading ? (reading.stable ? t('scale.stable') : t('scale.unstable')) : null}
        </div>
      </div>
      <div
        className="weight-window"
        data-testid="weight-window"
        data-min={weightWindow?.minG ?? ''}
        data-max={weightWindow?.maxG ?? ''}
      >
        {weightWindow
          ? t('scale.window', {
              expected: formatWeight(weightWindow.expectedG),
              tolerance: formatWeight(weightWindow.toleranceG),
              min: formatWeight(weightWindow.minG),
              max: formatWeight(weightWindow.maxG),
            })
          : t('scale.noWindow')}
      </div>
    </section>
  );
}
