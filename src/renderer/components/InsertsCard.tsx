// Inserts (赠品/插页) the open pack needs: each with how to confirm it, ticked once scanned. The pack
// does not go to the scale until every one is ticked (src/main/core/packing/inserts.ts).
import { useTranslation } from 'react-i18next';
import type { InsertView } from '../../contract/station.js';
import { colors } from '../theme.js';

export function InsertsCard({ inserts }: { inserts: InsertView[] | undefined }) {
  const { t } = useTranslation();
  if (!inserts || inserts.length === 0) return null;
  return (
    <section className="inserts-card" data-testid="inserts">
      <h3>{t('inserts.title')}</h3>
      <ul>
        {inserts.map((i) => (
          <li key={i.id} data-testid={`insert-${i.id}`} data-confirmed={i.confirmed}>
            <strong>{i.title}</strong>{' '}
            {i.confirmed ? (
              <span style={{ color: colors.green }}>✔ {t('inserts.done')}</span>
            ) : (
              <span className="insert-how">
                {i.barcode ? t('inserts.scan', { barcode: i.barcode }) : t('inserts.ok')}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
