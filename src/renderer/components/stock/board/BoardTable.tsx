// The board: per SKU its on hand, reserved and available, and per channel the water level
// (allocated and published against available), with days of cover and the low / short marks.
import { useTranslation } from 'react-i18next';
import type { BoardItem } from '../../../../contract/stock-board.js';

/** Published inside allocated inside available, as shares of the bar (available = the whole bar). */
function Water({
  available,
  allocated,
  published,
}: {
  available: number;
  allocated: number;
  published: number | null;
}) {
  const whole = Math.max(available, allocated, published ?? 0, 1);
  const pct = (n: number) => `${Math.round((Math.max(0, n) / whole) * 100)}%`;
  return (
    <div className="water" role="img" aria-label={`${published ?? '—'} / ${allocated} / ${available}`}>
      <div className="published" style={{ width: pct(published ?? 0) }} />
      <div className="allocated" style={{ width: pct(allocated - (published ?? 0)) }} />
    </div>
  );
}

const days = (n: number | null) => (n === null ? '—' : n.toFixed(1));

export function BoardTable({ items }: { items: BoardItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('stock.board.noItems')}</p>;
  return (
    <table data-testid="stock-board-table">
      <thead>
        <tr>
          {(
            [
              'sku',
              'name',
              'onHand',
              'reserved',
              'available',
              'channel',
              'allocated',
              'published',
              'level',
              'velocity',
              'cover',
            ] as const
          ).map((c) => (
            <th key={c}>{t(`stock.board.col.${c}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.flatMap((i) => {
          const channels = i.channels.length > 0 ? i.channels : [null];
          return channels.map((c, n) => (
            <tr
              key={`${i.sku}:${c?.channel ?? ''}`}
              className={i.low || i.short > 0 ? 'low' : ''}
              data-testid={`board-${i.sku}${c ? `-${c.channel}` : ''}`}
              data-available={i.available}
              data-allocated={c?.allocated ?? ''}
              data-published={c?.published ?? ''}
            >
              {n === 0 ? (
                <>
                  <td rowSpan={channels.length}>{i.sku}</td>
                  <td rowSpan={channels.length}>
                    {i.name}
                    {i.low ? <span className="alert-low"> · {t('stock.board.low')}</span> : null}
                    {i.short > 0 ? (
                      <span className="alert-short"> · {t('stock.board.short', { n: i.short })}</span>
                    ) : null}
                  </td>
                  <td className="num" rowSpan={channels.length}>
                    {i.onHand}
                  </td>
                  <td className="num" rowSpan={channels.length}>
                    {i.reserved}
                  </td>
                  <td className="num" rowSpan={channels.length}>
                    {i.available}
                  </td>
                </>
              ) : null}
              <td>{c?.channel ?? '—'}</td>
              <td className="num">{c?.allocated ?? '—'}</td>
              <td className="num">{c?.published ?? '—'}</td>
              <td>{c ? <Water available={i.available} allocated={c.allocated} published={c.published} /> : null}</td>
              {n === 0 ? (
                <>
                  <td className="num" rowSpan={channels.length}>
                    {i.velocityPerDay.toFixed(1)}
                  </td>
                  <td className="num" rowSpan={channels.length}>
                    {days(i.daysOfCover)}
                  </td>
                </>
              ) : null}
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
