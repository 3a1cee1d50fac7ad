// Scale section: simulator or serial indicator, the protocol and its line, the options only some
// protocols have, and the live view underneath to check the result.
import { useTranslation } from 'react-i18next';
import type { ProtocolInfo, SerialPortInfo } from '../../../contract/api.js';
import { DeviceStatusRow } from './DeviceStatusRow.js';
import { CheckField, NumberField, SelectField, useDraftForm } from './fields.js';
import { LineFields, lineText, PortField } from './SerialFields.js';
import { ScaleLive } from './ScaleLive.js';

// The core's defaults for these fields (station config schema), shown as placeholders only: an
// empty field is left out of the saved JSON and the core fills in its own value.
const SERIAL_DEFAULTS = {
  unit: 'kg',
  stabilityBit: 'motion',
  stableCount: 5,
  stableWindowMs: 1500,
  readTimeoutMs: 2000,
};
const SIM_DEFAULTS = { offsetG: 0, noiseG: 0, settleMs: 600, unstable: false, autoPlace: true };

// Options named after the one protocol that reads them; ProtocolInfo has no flag for these.
const USES_STABILITY_BIT = 'toledo-continuous';
const USES_REVERSED = 'yaohua-eq';

function SerialScale({
  protocol,
  protocols,
  ports,
}: {
  protocol: ProtocolInfo | null;
  protocols: readonly ProtocolInfo[];
  ports: readonly SerialPortInfo[];
}) {
  const { t } = useTranslation();
  const form = useDraftForm();
  const chosen = form.draft.scale.protocol;
  const dflt = (value: string | number) => t('settings.defaultValue', { value });
  return (
    <div className="field-group" data-testid="scale-serial">
      <PortField section="scale" ports={ports} />
      <SelectField
        path="scale.protocol"
        label={t('settings.scale.protocol')}
        emptyLabel={chosen === undefined ? t('settings.scale.chooseProtocol') : undefined}
        options={protocols.map((p) => ({ value: p.id, label: `${p.title} — ${lineText(p.line)}` }))}
        hint={
          protocol ? (
            <span data-testid="protocol-info">
              {t('settings.scale.protocolInfo', {
                line: lineText(protocol.line),
                mode: t(`settings.scale.mode.${protocol.mode}`),
              })}
            </span>
          ) : null
        }
      />
      <LineFields section="scale" defaults={protocol?.line ?? null} />
      <SelectField
        path="scale.unit"
        label={t('settings.scale.unit')}
        emptyLabel={dflt(SERIAL_DEFAULTS.unit)}
        options={['g', 'kg', 'lb'].map((u) => ({ value: u, label: u }))}
      />
      {protocol?.id === USES_STABILITY_BIT ? (
        <SelectField
          path="scale.stabilityBit"
          label={t('settings.scale.stabilityBit')}
          emptyLabel={dflt(t(`settings.scale.stabilityBitValue.${SERIAL_DEFAULTS.stabilityBit}`))}
          options={['motion', 'stable'].map((v) => ({ value: v, label: t(`settings.scale.stabilityBitValue.${v}`) }))}
        />
      ) : null}
      {protocol?.id === USES_REVERSED ? (
        <CheckField path="scale.reversed" label={t('settings.scale.reversed')} fallback={true} />
      ) : null}
      {protocol && !protocol.hasStabilityFlag ? (
        <>
          <NumberField
            path="scale.stableCount"
            label={t('settings.scale.stableCount')}
            placeholder={String(SERIAL_DEFAULTS.stableCount)}
          />
          <NumberField
            path="scale.stableWindowMs"
            label={t('settings.scale.stableWindowMs')}
            placeholder={String(SERIAL_DEFAULTS.stableWindowMs)}
          />
        </>
      ) : null}
      {protocol?.mode === 'poll' ? (
        <NumberField
          path="scale.pollIntervalMs"
          label={t('settings.scale.pollIntervalMs')}
          placeholder={t('settings.protocolDefault')}
        />
      ) : null}
      <NumberField
        path="scale.readTimeoutMs"
        label={t('settings.scale.readTimeoutMs')}
        placeholder={String(SERIAL_DEFAULTS.readTimeoutMs)}
      />
    </div>
  );
}

function SimScale() {
  const { t } = useTranslation();
  return (
    <div className="field-group" data-testid="scale-sim">
      <NumberField
        path="scale.offsetG"
        label={t('settings.scale.offsetG')}
        placeholder={String(SIM_DEFAULTS.offsetG)}
      />
      <NumberField path="scale.noiseG" label={t('settings.scale.noiseG')} placeholder={String(SIM_DEFAULTS.noiseG)} />
      <NumberField
        path="scale.settleMs"
        label={t('settings.scale.settleMs')}
        placeholder={String(SIM_DEFAULTS.settleMs)}
      />
      <CheckField path="scale.unstable" label={t('settings.scale.unstable')} fallback={SIM_DEFAULTS.unstable} />
      <CheckField path="scale.autoPlace" label={t('settings.scale.autoPlace')} fallback={SIM_DEFAULTS.autoPlace} />
    </div>
  );
}

export function ScaleSettings({
  protocols,
  ports,
}: {
  protocols: readonly ProtocolInfo[];
  ports: readonly SerialPortInfo[];
}) {
  const { t } = useTranslation();
  const form = useDraftForm();
  const scale = form.draft.scale;
  const serial = scale.kind === 'serial';
  const protocol = serial ? (protocols.find((p) => p.id === scale.protocol) ?? null) : null;
  return (
    <section className="settings-section" data-testid="settings-scale" aria-labelledby="settings-scale-title">
      <h2 id="settings-scale-title">{t('settings.scale.title')}</h2>
      <DeviceStatusRow role="scale" />
      <div className="settings-columns">
        <div className="settings-form">
          <SelectField
            path="scale.kind"
            label={t('settings.kind')}
            options={['sim', 'serial'].map((k) => ({ value: k, label: t(`settings.scale.kind.${k}`) }))}
            onSelect={(kind) => form.switchKind('scale', String(kind))}
          />
          {serial ? <SerialScale protocol={protocol} protocols={protocols} ports={ports} /> : null}
          {scale.kind === 'sim' ? <SimScale /> : null}
        </div>
        <ScaleLive protocol={protocol} />
      </div>
    </section>
  );
}
