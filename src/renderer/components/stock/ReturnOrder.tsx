// A return's order: what it had and how much of each has come back, so the packer sees what is
// still missing from the parcel.
import { useTranslation } from 'react-i18next';
import type { ReturnOrderLineView } from '../../../contract/stock-desk.js';

export function ReturnOrder({ lines }: { lines: ReturnOrderLineView[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <section className="stock-return-order" data-testid="return-order">
      <h3>{t('stock.returnOrder')}</h3>
      <ul>
        {lines.map((l) => (
          <li key={l.sku} data-testid={`return-line-${l.sku}`} data-returned={l.returned} data-ordered={l.ordered}>
            <span>{l.title}</span> <span className="line-meta">{l.sku}</span>{' '}
            <strong>
              {l.returned} / {l.ordered}
            </strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
