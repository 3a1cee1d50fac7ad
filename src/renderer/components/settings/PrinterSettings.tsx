// Printer section: command language, where it is connected, label stock and calibration.
import { useTranslation } from 'react-i18next';
import { DeviceStatusRow } from './DeviceStatusRow.js';
import { NumberField, SelectField, TextField, useDraftForm } from './fields.js';
import { PrinterTools } from './PrinterTools.js';

const INTERFACE_LIST_ID = 'settings-printer-interfaces';
export const INTERFACE_EXAMPLES = ['tcp://192.168.1.50:9100', '/dev/usb/lp0', 'serial:/dev/ttyUSB0?baud=9600', 'sim'];
/** Common e-waybill label stock, one click each; any other size can still be typed. */
export const LABEL_PRESETS = [
  { widthMm: 100, heightMm: 180 },
  { widthMm: 76, heightMm: 130 },
  { widthMm: 100, heightMm: 150 },
] as const;
// The core's defaults (station config schema); placeholders only.
const DEFAULTS = {
  interface: 'sim',
  offsetMm: 0,
  density: 10,
  mediaSizeMm: 2,
  mediaOffsetMm: 0,
  statusTimeoutMs: 1500,
};

function LabelSize() {
  const { t } = useTranslation();
  const form = useDraftForm();
  const { widthMm, heightMm } = form.draft.printer;
  return (
    <div className="field-group label-size">
      <div className="field">
        <span className="field-label">{t('settings.printer.labelSize')}</span>
        <div className="presets">
          {LABEL_PRESETS.map((p) => {
            const active = widthMm === p.widthMm && heightMm === p.heightMm;
            return (
              <button
                key={`${p.widthMm}x${p.heightMm}`}
                type="button"
                className={active ? 'preset active' : 'preset'}
                aria-pressed={active}
                data-testid={`preset-${p.widthMm}x${p.heightMm}`}
                onClick={() => {
                  form.set('printer.widthMm', p.widthMm);
                  form.set('printer.heightMm', p.heightMm);
                }}
              >
                {t('settings.printer.preset', { w: p.widthMm, h: p.heightMm })}
              </button>
            );
          })}
        </div>
      </div>
      <NumberField path="printer.widthMm" label={t('settings.printer.widthMm')} placeholder="100" />
      <NumberField path="printer.heightMm" label={t('settings.printer.heightMm')} placeholder="180" />
    </div>
  );
}

export function PrinterSettings({ languages, dirty }: { languages: readonly string[]; dirty: boolean }) {
  const { t } = useTranslation();
  const form = useDraftForm();
  const language = form.draft.printer.language;
  const yesNo = [
    { value: true, label: t('settings.yes') },
    { value: false, label: t('settings.no') },
  ];
  return (
    <section className="settings-section" data-testid="settings-printer" aria-labelledby="settings-printer-title">
      <h2 id="settings-printer-title">{t('settings.printer.title')}</h2>
      <DeviceStatusRow role="printer" />
      <div className="settings-columns">
        <div className="settings-form">
          <SelectField
            path="printer.language"
            label={t('settings.printer.language')}
            options={languages.map((l) => ({
              value: l,
              label: t(`settings.printer.languageName.${l}`, { defaultValue: l }),
            }))}
          />
          <TextField
            path="printer.interface"
            label={t('settings.printer.interface')}
            placeholder={DEFAULTS.interface}
            list={INTERFACE_LIST_ID}
            hint={t('settings.printer.interfaceHint', { examples: INTERFACE_EXAMPLES.join('  ') })}
          />
          <datalist id={INTERFACE_LIST_ID}>
            {INTERFACE_EXAMPLES.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
          <SelectField
            path="printer.dpi"
            label={t('settings.printer.dpi')}
            options={[203, 300].map((d) => ({ value: d, label: String(d) }))}
          />
          <LabelSize />
          <div className="field-group">
            <NumberField
              path="printer.offsetXmm"
              label={t('settings.printer.offsetXmm')}
              placeholder={String(DEFAULTS.offsetMm)}
            />
            <NumberField
              path="printer.offsetYmm"
              label={t('settings.printer.offsetYmm')}
              placeholder={String(DEFAULTS.offsetMm)}
            />
            <NumberField
              path="printer.density"
              label={t('settings.printer.density')}
              placeholder={String(DEFAULTS.density)}
            />
          </div>
          <div className="field-group">
            <SelectField
              path="printer.media.kind"
              label={t('settings.printer.mediaKind')}
              options={['gap', 'bline', 'continuous'].map((k) => ({
                value: k,
                label: t(`settings.printer.media.${k}`),
              }))}
            />
            <NumberField
              path="printer.media.sizeMm"
              label={t('settings.printer.mediaSizeMm')}
              placeholder={String(DEFAULTS.mediaSizeMm)}
            />
            <NumberField
              path="printer.media.offsetMm"
              label={t('settings.printer.mediaOffsetMm')}
              placeholder={String(DEFAULTS.mediaOffsetMm)}
            />
          </div>
          {language === 'escpos' ? (
            <SelectField
              path="printer.paperWidthMm"
              label={t('settings.printer.paperWidthMm')}
              options={[58, 80].map((w) => ({ value: w, label: String(w) }))}
            />
          ) : null}
          <div className="field-group">
            <SelectField
              path="printer.twoWay"
              label={t('settings.printer.twoWay')}
              emptyLabel={t('settings.printer.twoWayAuto')}
              options={yesNo}
            />
            <NumberField
              path="printer.statusTimeoutMs"
              label={t('settings.printer.statusTimeoutMs')}
              placeholder={String(DEFAULTS.statusTimeoutMs)}
            />
          </div>
        </div>
        <PrinterTools dirty={dirty} />
      </div>
    </section>
  );
}
