// Scanner section: keyboard wedge (read by this page), simulator, or a serial scanner the core reads.
import { useTranslation } from 'react-i18next';
import type { SerialPortInfo } from '../../../contract/api.js';
import { DeviceStatusRow } from './DeviceStatusRow.js';
import { SelectField, TextField, useDraftForm } from './fields.js';
import { LineFields, PortField } from './SerialFields.js';

// The core's defaults for a serial scanner (station config schema); placeholders only.
const SERIAL_LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };
const DEFAULT_SUFFIX = 'CR';
const SUFFIXES = ['CR', 'LF', 'CRLF', 'TAB'] as const;

export function ScannerSettings({ ports }: { ports: readonly SerialPortInfo[] }) {
  const { t } = useTranslation();
  const form = useDraftForm();
  const kind = form.draft.scanner.kind;
  return (
    <section className="settings-section" data-testid="settings-scanner" aria-labelledby="settings-scanner-title">
      <h2 id="settings-scanner-title">{t('settings.scanner.title')}</h2>
      <DeviceStatusRow role="scanner" />
      <div className="settings-form">
        <SelectField
          path="scanner.kind"
          label={t('settings.kind')}
          options={['keyboard', 'sim', 'serial'].map((k) => ({ value: k, label: t(`settings.scanner.kind.${k}`) }))}
          onSelect={(next) => form.switchKind('scanner', String(next))}
          hint={typeof kind === 'string' ? t(`settings.scanner.kindHint.${kind}`, { defaultValue: '' }) : null}
        />
        {kind === 'serial' ? (
          <div className="field-group" data-testid="scanner-serial">
            <PortField section="scanner" ports={ports} />
            <LineFields section="scanner" defaults={SERIAL_LINE} />
            <SelectField
              path="scanner.suffix"
              label={t('settings.scanner.suffix')}
              emptyLabel={t('settings.defaultValue', { value: t(`settings.scanner.suffixValue.${DEFAULT_SUFFIX}`) })}
              options={SUFFIXES.map((s) => ({ value: s, label: t(`settings.scanner.suffixValue.${s}`) }))}
            />
            <TextField
              path="scanner.prefix"
              label={t('settings.scanner.prefix')}
              hint={t('settings.scanner.prefixHint')}
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
