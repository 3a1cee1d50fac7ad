// What the scale is doing right now: the weight the desk sees, the raw frames behind it (to tell
// a wrong protocol or baud rate from a silent cable), and tare / zero.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolInfo, ScaleFrameView } from '../../../contract/api.js';
import { useApp, useServices } from '../../context.js';
import { formatWeight } from '../../format.js';
import { colors } from '../../theme.js';
import { ActionResult } from './ActionResult.js';
import { useAction } from './useAction.js';

/** Enough to see a pattern at ~10 frames/s without the list scrolling away under the eye. */
export const MAX_FRAMES = 30;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function frameTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function Weight() {
  const { t } = useTranslation();
  const reading = useApp((s) => s.scale);
  return (
    <div className="settings-weight">
      <span className="scale-weight" data-testid="settings-weight" data-grams={reading?.grams ?? ''}>
        {reading === null
          ? t('scale.noReading')
          : reading.status === 'ok'
            ? formatWeight(reading.grams)
            : t(`scale.status.${reading.status}`)}
      </span>
      {reading ? (
        <span
          className="scale-stable"
          data-testid="settings-stable"
          data-stable={reading.stable}
          style={{ color: reading.stable ? colors.green : colors.amber }}
        >
          {reading.stable ? t('scale.stable') : t('scale.unstable')}
        </span>
      ) : null}
    </div>
  );
}

function Parsed({ frame }: { frame: ScaleFrameView }) {
  const { t } = useTranslation();
  if (frame.kind === null) return <span className="undecodable">{t('settings.scale.undecodable')}</span>;
  const parts = [
    t(`settings.scale.frameKind.${frame.kind}`),
    frame.grams !== null ? formatWeight(frame.grams) : null,
    frame.stable === null ? null : frame.stable ? t('scale.stable') : t('scale.unstable'),
    frame.status !== null ? t(`scale.status.${frame.status}`, { defaultValue: frame.status }) : null,
    frame.detail,
  ];
  return <span>{parts.filter((p) => p !== null && p !== '').join(' · ')}</span>;
}

function Frames({ frames }: { frames: readonly { id: number; frame: ScaleFrameView }[] }) {
  const { t } = useTranslation();
  return (
    <div className="frames">
      <h3>{t('settings.scale.frames', { n: MAX_FRAMES })}</h3>
      {frames.length === 0 ? (
        <p className="muted" data-testid="frames-empty">
          {t('settings.scale.noFrames')}
        </p>
      ) : (
        <table className="frames-table" data-testid="frames">
          <thead>
            <tr>
              <th>{t('settings.scale.frame.time')}</th>
              <th>{t('settings.scale.frame.hex')}</th>
              <th>{t('settings.scale.frame.text')}</th>
              <th>{t('settings.scale.frame.parsed')}</th>
            </tr>
          </thead>
          <tbody>
            {frames.map(({ id, frame }) => (
              <tr key={id} data-testid="frame" data-kind={frame.kind ?? 'none'}>
                <td>{frameTime(frame.at)}</td>
                <td className="mono">{frame.hex}</td>
                <td className="mono">{frame.text}</td>
                <td>
                  <Parsed frame={frame} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** `protocol`: the serial protocol chosen in the form (null for the simulator, which can do both). */
export function ScaleLive({ protocol }: { protocol: ProtocolInfo | null }) {
  const { t } = useTranslation();
  const { client } = useServices();
  const [frames, setFrames] = useState<{ id: number; frame: ScaleFrameView }[]>([]);
  const nextId = useRef(0);

  // Frames are pushed to every client; this screen listens only while it is open.
  useEffect(
    () =>
      client.on('scale.frame', (frame) => {
        const id = nextId.current++;
        setFrames((prev) => [{ id, frame }, ...prev].slice(0, MAX_FRAMES));
      }),
    [client],
  );

  const [tare, runTare] = useAction(useCallback(() => client.request('devices.scale.tare', {}), [client]));
  const [zero, runZero] = useAction(useCallback(() => client.request('devices.scale.zero', {}), [client]));
  const canTare = protocol?.canTare ?? true;
  const canZero = protocol?.canZero ?? true;

  return (
    <div className="scale-live" data-testid="scale-live">
      <h3>{t('settings.scale.live')}</h3>
      <Weight />
      <div className="actions">
        <button type="button" data-testid="scale-tare" disabled={!canTare || tare.kind === 'busy'} onClick={runTare}>
          {t('settings.scale.tare')}
        </button>
        <ActionResult state={tare} done={t('settings.scale.tared')} testId="scale-tare-result" />
        <button type="button" data-testid="scale-zero" disabled={!canZero || zero.kind === 'busy'} onClick={runZero}>
          {t('settings.scale.zero')}
        </button>
        <ActionResult state={zero} done={t('settings.scale.zeroed')} testId="scale-zero-result" />
      </div>
      {/* Said in words too: a disabled button shows no tooltip in most browsers. */}
      {canTare ? null : <small className="field-hint">{t('settings.scale.noTare')}</small>}
      {canZero ? null : <small className="field-hint">{t('settings.scale.noZero')}</small>}
      <Frames frames={frames} />
    </div>
  );
}
