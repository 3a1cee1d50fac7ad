// The running device's state as the core last reported it (snapshot.devices), not the draft's:
// a supervisor sees "scale silent for 2 s" or "disconnected" while deciding what to change.
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../contract/station.js';
import { useApp } from '../../context.js';
import { colors } from '../../theme.js';

function stateColor(state: DeviceStatus['state']): string {
  if (state === 'ready') return colors.green;
  if (state === 'connecting') return colors.amber;
  return colors.red;
}

export function DeviceStatusRow({ role }: { role: DeviceStatus['role'] }) {
  const { t } = useTranslation();
  const device = useApp((s) => s.snapshot?.devices.find((d) => d.role === role) ?? null);
  if (!device) {
    return (
      <div className="device-status" data-testid={`status-${role}`} data-state="unknown">
        {t('settings.noStatus')}
      </div>
    );
  }
  return (
    <div className="device-status" data-testid={`status-${role}`} data-state={device.state}>
      <span className="muted">{t('settings.running')}</span>{' '}
      <strong style={{ color: stateColor(device.state) }}>● {t(`device.state.${device.state}`)}</strong>{' '}
      <span className="muted">
        {device.kind}
        {device.simulated ? ` (${t('device.simulated')})` : ''}
      </span>
      {device.detail ? <span className="device-status-detail"> · {device.detail}</span> : null}
    </div>
  );
}
