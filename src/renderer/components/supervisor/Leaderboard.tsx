// Packers ranked by units per active hour: pace while actually packing, so someone who came in
// for half a shift is not ranked below someone who stood at the desk all day.
import { useTranslation } from 'react-i18next';
import type { SupervisorView } from '../../../contract/api/supervisor.js';
import type { StatsGroup } from '../../../contract/stats.js';
import { percent, seconds } from './format.js';
import { Rate } from './Rate.js';
import { packerName } from './names.js';

/** Fastest first; no active time (nothing finished) sorts last, ties go to more units. */
export function rankPackers(groups: StatsGroup[]): StatsGroup[] {
  return groups
    .filter((g) => g.key.packer !== undefined)
    .sort((a, b) => {
      const pa = a.figures.unitsPerActiveHour ?? -1;
      const pb = b.figures.unitsPerActiveHour ?? -1;
      return pb - pa || b.figures.units - a.figures.units;
    });
}

export function Leaderboard({ view }: { view: SupervisorView }) {
  const { t } = useTranslation();
  const ranked = rankPackers(view.packers);
  return (
    <section className="supervisor-section" data-testid="leaderboard" aria-label={t('supervisor.leaderboard.title')}>
      <h2>{t('supervisor.leaderboard.title')}</h2>
      {ranked.length === 0 ? (
        <p className="muted">{t('supervisor.leaderboard.none')}</p>
      ) : (
        <table className="supervisor-table">
          <thead>
            <tr>
              <th>{t('supervisor.leaderboard.rank')}</th>
              <th>{t('supervisor.leaderboard.name')}</th>
              <th className="num">{t('supervisor.leaderboard.units')}</th>
              <th className="num">{t('supervisor.leaderboard.orders')}</th>
              <th className="num">{t('supervisor.leaderboard.unitsPerHour')}</th>
              <th className="num">{t('supervisor.leaderboard.errorRate')}</th>
              <th className="num">{t('supervisor.leaderboard.packTime')}</th>
              <th className="num">{t('supervisor.leaderboard.misreads')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((g, i) => {
              const id = g.key.packer ?? '';
              const f = g.figures;
              return (
                <tr key={id} data-testid="leader-row" data-packer={id} data-rank={i + 1}>
                  <td className="rank">{i + 1}</td>
                  <td className="name">{packerName(view, id)}</td>
                  <td className="num">{f.units}</td>
                  <td className="num">{f.orders}</td>
                  <td className="num strong" data-field="unitsPerHour">
                    <Rate value={f.unitsPerActiveHour} activeMs={f.activeMs} minActiveMinutes={view.minActiveMinutes} />
                  </td>
                  <td className="num" data-field="errorRate">
                    {percent(f.errorRate)}
                  </td>
                  <td className="num" data-field="packTime">
                    {seconds(f.packTimeP50Ms, t)}
                  </td>
                  <td className="num" data-field="misreads">
                    {f.misreads ?? 0}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
