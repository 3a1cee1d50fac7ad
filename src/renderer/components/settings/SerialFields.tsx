// Serial port and line settings, shared by the scanner and the scale sections.
import { useTranslation } from 'react-i18next';
import type { SerialPortInfo } from '../../../contract/api.js';
import { getAt, isFlagged, type SectionName } from './draft.js';
import { fieldId, NumberField, SelectField, TextField, useDraftForm, type Option } from './fields.js';

export const BAUD_LIST_ID = 'settings-baud-rates';
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
export const PARITIES = ['none', 'even', 'odd', 'mark', 'space'] as const;

/** Common rates offered as suggestions; any other rate can still be typed. */
export function BaudRates() {
  return (
    <datalist id={BAUD_LIST_ID}>
      {BAUD_RATES.map((b) => (
        <option key={b} value={b} />
      ))}
    </datalist>
  );
}

function portLabel(p: SerialPortInfo, t: (key: string) => string): string {
  const marks = [
    p.configured ? t('settings.port.configured') : null,
    p.present ? t('settings.port.present') : null,
  ].filter(Boolean);
  const maker = p.manufacturer ? ` · ${p.manufacturer}` : '';
  return `${p.path}${maker}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}`;
}

/** A list of the ports the station sees, plus the path itself as text: ptys and unplugged devices are not listed. */
export function PortField({ section, ports }: { section: SectionName; ports: readonly SerialPortInfo[] }) {
  const { t } = useTranslation();
  const form = useDraftForm();
  const path = `${section}.path`;
  const value = getAt(form.draft, path);
  const current = typeof value === 'string' ? value : '';
  const listed = ports.some((p) => p.path === current);
  return (
    <div className={isFlagged(form.flagged, path) ? 'field port invalid' : 'field port'}>
      <label htmlFor={`${fieldId(path)}-list`}>{t('settings.port.label')}</label>
      <select
        id={`${fieldId(path)}-list`}
        data-testid={`ports-${section}`}
        value={listed ? current : ''}
        onChange={(e) => {
          if (e.target.value !== '') form.set(path, e.target.value);
        }}
      >
        <option value="">{ports.length === 0 ? t('settings.port.none') : t('settings.port.choose')}</option>
        {ports.map((p) => (
          <option key={p.path} value={p.path} data-configured={p.configured} data-present={p.present}>
            {portLabel(p, t)}
          </option>
        ))}
      </select>
      <TextField
        path={path}
        label={t('settings.port.path')}
        placeholder="/dev/ttyUSB0"
        hint={t('settings.port.pathHint')}
      />
    </div>
  );
}

interface LineDefaults {
  baudRate: number;
  dataBits: number;
  parity: string;
  stopBits: number;
}

/**
 * Baud, data bits, parity, stop bits. Left empty they are omitted from the config and `defaults`
 * apply (the protocol's own line for a scale, the schema's for a scanner); shown as placeholders.
 */
export function LineFields({ section, defaults }: { section: SectionName; defaults: LineDefaults | null }) {
  const { t } = useTranslation();
  const fallback = (value: string | number | undefined) =>
    value === undefined ? t('settings.default') : t('settings.defaultValue', { value });
  const parityName = (p: string) => t(`settings.parity.${p}`, { defaultValue: p });
  const parities: Option[] = PARITIES.map((p) => ({ value: p, label: parityName(p) }));
  return (
    <div className="field-group">
      <NumberField
        path={`${section}.baudRate`}
        label={t('settings.line.baudRate')}
        placeholder={defaults ? String(defaults.baudRate) : ''}
        list={BAUD_LIST_ID}
      />
      <SelectField
        path={`${section}.dataBits`}
        label={t('settings.line.dataBits')}
        emptyLabel={fallback(defaults?.dataBits)}
        options={[5, 6, 7, 8].map((n) => ({ value: n, label: String(n) }))}
      />
      <SelectField
        path={`${section}.parity`}
        label={t('settings.line.parity')}
        emptyLabel={fallback(defaults ? parityName(defaults.parity) : undefined)}
        options={parities}
      />
      <SelectField
        path={`${section}.stopBits`}
        label={t('settings.line.stopBits')}
        emptyLabel={fallback(defaults?.stopBits)}
        options={[1, 1.5, 2].map((n) => ({ value: n, label: String(n) }))}
      />
    </div>
  );
}

/** 9600 7E1: how line settings are written on scale manuals and indicator menus. */
export function lineText(line: LineDefaults): string {
  return `${line.baudRate} ${line.dataBits}${line.parity.charAt(0).toUpperCase()}${line.stopBits}`;
}
