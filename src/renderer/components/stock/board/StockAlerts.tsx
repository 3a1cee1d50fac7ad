// The hub's stock alerts: short orders, low stock, oversold and negative stock, newest first.
import { useTranslation } from 'react-i18next';
import type { StockAlert } from '../../../../contract/stock-ledger.js';

export function StockAlerts({ alerts, formatTime }: { alerts: StockAlert[]; formatTime: (ms: number) => string }) {
  const { t } = useTranslation();
  return (
    <section className="supervisor-section" data-testid="stock-alerts">
      <h2>{t('stock.board.alerts')}</h2>
      {alerts.length === 0 ? (
        <p className="muted">{t('stock.board.noAlerts')}</p>
      ) : (
        <ul>
          {alerts.map((a) => (
            <li key={`${a.kind}:${a.sku}:${a.at}`} className={`alert-${a.kind}`} data-kind={a.kind} data-sku={a.sku}>
              <strong>{t(`stock.board.alertKind.${a.kind}`)}</strong> {a.sku} — {a.detail}
              {a.orderIds && a.orderIds.length > 0 ? ` (${a.orderIds.join(', ')})` : ''}{' '}
              <span className="muted">{formatTime(a.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
