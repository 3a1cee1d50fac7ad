// Which box or bag to take, so the packer reaches for it while the items are still being scanned.
import { useTranslation } from 'react-i18next';
import { formatWeight } from '../format.js';

export function PackagingCard({ packaging }: { packaging: { code: string; tareG: number } }) {
  const { t } = useTranslation();
  return (
    <section className="packaging-card" data-testid="packaging" data-code={packaging.code}>
      <h2>{t('packagingCard.title')}</h2>
      <div className="packaging-name">{t(`packaging.${packaging.code}`, { defaultValue: packaging.code })}</div>
      <div className="muted">
        {packaging.code} · {t('packagingCard.tare', { tare: formatWeight(packaging.tareG) })}
      </div>
    </section>
  );
}
