// Date range: three presets and two day inputs, in the station's calendar.
import { useTranslation } from 'react-i18next';
import { RANGE_PRESETS, type RangeChoice } from './range.js';

export function RangePicker({
  choice,
  days,
  onChange,
}: {
  choice: RangeChoice;
  days: { from: string; to: string };
  onChange: (choice: RangeChoice) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="range-picker" role="group" aria-label={t('supervisor.range.label')} data-testid="range-picker">
      {RANGE_PRESETS.map((preset) => {
        const active = choice.kind === 'preset' && choice.preset === preset;
        return (
          <button
            key={preset}
            type="button"
            className={active ? 'preset active' : 'preset'}
            data-testid={`range-${preset}`}
            aria-pressed={active}
            onClick={() => onChange({ kind: 'preset', preset })}
          >
            {t(`supervisor.range.${preset}`)}
          </button>
        );
      })}
      <label>
        {t('supervisor.range.from')}{' '}
        <input
          type="date"
          data-testid="range-from"
          value={days.from}
          max={days.to}
          // A cleared or half-typed date is not a range yet; keep the last one until it is whole.
          onChange={(e) => e.target.value && onChange({ kind: 'days', from: e.target.value, to: days.to })}
        />
      </label>
      <label>
        {t('supervisor.range.to')}{' '}
        <input
          type="date"
          data-testid="range-to"
          value={days.to}
          min={days.from}
          onChange={(e) => e.target.value && onChange({ kind: 'days', from: days.from, to: e.target.value })}
        />
      </label>
    </div>
  );
}
