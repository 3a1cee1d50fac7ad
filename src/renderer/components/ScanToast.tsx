// What happened to a scan made away from the pack screen, or to a misread there (issue 12 §4).
// Shown over every screen, large enough to read from the desk; it goes by itself after TOAST_MS.
import { useTranslation } from 'react-i18next';
import type { ScanToast as Toast } from '../scan/useWedge.js';

export function ScanToast({ toast, onDismiss }: { toast: Toast | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (!toast) return null;
  let text: string;
  if (toast.kind === 'misread') text = t('scan.toast.misread');
  else if (toast.kind === 'ignored') text = t('scan.toast.ignored', { code: toast.code });
  else
    text = `${t('scan.toast.redirected', { code: toast.code })} ${t('scan.toast.redirectedFrom', {
      screen: t(`scan.screen.${toast.from}`),
    })}`;
  return (
    <div
      className={`scan-toast scan-toast-${toast.kind}`}
      data-testid="scan-toast"
      data-kind={toast.kind}
      role="status"
      aria-live="assertive"
    >
      <span className="scan-toast-text">{text}</span>
      <button type="button" className="scan-toast-dismiss" onClick={onDismiss}>
        {t('scan.toast.dismiss')}
      </button>
    </div>
  );
}
