// The SKUs of the open stock session with their units; the one scanned last is highlighted. A
// return's lines also say good or damaged (or that the choice is still to make).
import { useTranslation } from 'react-i18next';
import type { StockLineView, StockMode } from '../../../contract/stock-desk.js';

export function StockLines({
  lines,
  lastSku,
  mode,
}: {
  lines: StockLineView[];
  lastSku: string | null;
  mode: StockMode;
}) {
  const { t } = useTranslation();
  if (lines.length === 0) return <div className="order-panel empty">{t('stock.noLines')}</div>;
  return (
    <div className="lines-scroll">
      <table className="lines stock-lines" data-testid="stock-lines">
        <thead>
          <tr>
            <th>{t('stock.col.item')}</th>
            {mode === 'returns' ? <th>{t('stock.col.condition')}</th> : null}
            <th>{t(mode === 'count' ? 'stock.col.counted' : 'stock.col.qty')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr
              key={`${l.sku}:${l.condition ?? ''}`}
              className={l.sku === lastSku ? 'line active' : 'line'}
              data-testid={`stock-line-${l.sku}`}
              data-qty={l.qty}
              data-condition={l.condition ?? ''}
            >
              <td className="line-title">
                <div>{l.title}</div>
                <div className="line-meta">{l.sku}</div>
              </td>
              {mode === 'returns' ? (
                <td className={`stock-condition ${l.condition ?? 'pending'}`}>
                  {t(`stock.condition.${l.condition ?? 'pending'}`)}
                </td>
              ) : null}
              <td className="line-progress">
                <strong>{l.qty}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
