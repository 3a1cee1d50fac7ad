// WeChat's e-waybill print component in the settings screen: its state and version, the printers it
// lists (getPrinterList), and which one Channels e-waybills print on. Set apart from the device form:
// the component's address lives in the config file, and picking a printer applies at once.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WechatPrinterView } from '../../../contract/api.js';
import { envelopeOf } from '../../client/types.js';
import { useServices } from '../../context.js';

export function WechatPrinterPanel() {
  const { t } = useTranslation();
  const { client } = useServices();
  const [view, setView] = useState<WechatPrinterView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((call: () => Promise<WechatPrinterView>) => {
    setBusy(true);
    setError(null);
    call().then(
      (v) => {
        setView(v);
        setBusy(false);
      },
      (err: unknown) => {
        setError(envelopeOf(err).message);
        setBusy(false);
      },
    );
  }, []);
  const list = () => run(() => client.request('devices.wechatPrinter.list', {}));
  const use = (printer: string) => run(() => client.request('devices.wechatPrinter.use', { printer }));
  return (
    <section className="settings-section" data-testid="settings-wechat-printer" aria-labelledby="settings-wechat-title">
      <h2 id="settings-wechat-title">{t('settings.wechatPrinter.title')}</h2>
      <div className="actions">
        <button type="button" data-testid="wechat-printer-list" disabled={busy} onClick={list}>
          {t('settings.wechatPrinter.list')}
        </button>
        {error ? (
          <span className="action-error" role="alert">
            {t('settings.failed', { message: error })}
          </span>
        ) : null}
      </div>
      {view && !view.configured ? (
        <p data-testid="wechat-printer-none">{t('settings.wechatPrinter.notConfigured')}</p>
      ) : null}
      {view?.configured ? (
        <div data-testid="wechat-printer-view" data-state={view.state}>
          <div>
            {view.url} · {t(`device.state.${view.state}`, { defaultValue: view.state })}
            {view.detail ? ` · ${view.detail}` : ''}
            {view.version ? ` · ${t('settings.wechatPrinter.version', { version: view.version })}` : ''}
          </div>
          {view.printer === null ? (
            <small className="field-hint">{t('settings.wechatPrinter.firstListed')}</small>
          ) : null}
          {view.printers.length === 0 ? (
            <p>{t('settings.wechatPrinter.noPrinters')}</p>
          ) : (
            <ul className="wechat-printers">
              {view.printers.map((p) => (
                <li key={p.name} data-testid="wechat-printer-item" data-name={p.name}>
                  {p.displayName}
                  {p.displayName !== p.name ? ` (${p.name})` : ''}{' '}
                  {view.printer === p.name ? (
                    <strong>{t('settings.wechatPrinter.inUse')}</strong>
                  ) : (
                    <button type="button" disabled={busy} onClick={() => use(p.name)}>
                      {t('settings.wechatPrinter.use')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
