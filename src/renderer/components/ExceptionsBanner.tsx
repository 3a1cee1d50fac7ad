// Exceptions the hub found about parcels packed at this desk (cancelled after packing, packed twice,
// address changed after the label): a red strip that stays while they are recent, never an alert
// that would stop the packer mid-order.
import { useTranslation } from 'react-i18next';
import type { ExceptionView } from '../../contract/station.js';

export function ExceptionsBanner({ exceptions }: { exceptions: ExceptionView[] }) {
  const { t } = useTranslation();
  if (exceptions.length === 0) return null;
  return (
    <section className="exceptions-banner" data-testid="exceptions" role="alert">
      <strong>{t('exception.title', { count: exceptions.length })}</strong>
      <ul>
        {exceptions.map((e) => (
          <li key={e.id} data-kind={e.kind} data-order={e.orderId} title={e.detail}>
            {t(`exception.${e.kind}`, { orderId: e.orderId, defaultValue: `${e.kind}: ${e.orderId}` })}
          </li>
        ))}
      </ul>
    </section>
  );
}
