// Device settings (#/settings), a supervisor's setup screen: edits a draft of the config's `devices`
// section, saves it through the core (which validates, writes the file and swaps the devices) and
// shows the live state of each device to check the result. Mouse and keyboard are fine here.
import { useCallback, useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SerialPortInfo, SettingsView } from '../../contract/api.js';
import { envelopeOf } from '../client/types.js';
import { useApp, useServices } from '../context.js';
import {
  draftFrom,
  KindStash,
  problemsOf,
  sameJson,
  setAt,
  type DevicesDraft,
  type SaveProblems,
  type SectionName,
} from '../components/settings/draft.js';
import { DraftFormProvider, type DraftForm } from '../components/settings/fields.js';
import { PrinterSettings } from '../components/settings/PrinterSettings.js';
import { ScaleSettings } from '../components/settings/ScaleSettings.js';
import { ScannerSettings } from '../components/settings/ScannerSettings.js';
import { BaudRates } from '../components/settings/SerialFields.js';
import { LayoutSettings } from '../components/settings/LayoutSettings.js';
import { WechatPrinterPanel } from '../components/settings/WechatPrinterPanel.js';

type Load =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; view: SettingsView; draft: DevicesDraft };

type Save =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; configPath: string | null }
  | { kind: 'invalid'; problems: SaveProblems }
  | { kind: 'error'; message: string };

const NOTHING_FLAGGED: readonly string[] = [];

type Ports = { list: SerialPortInfo[]; error: string | null; busy: boolean };

function SaveMessage({ save }: { save: Save }) {
  const { t } = useTranslation();
  switch (save.kind) {
    case 'idle':
    case 'saving':
      return null;
    case 'saved':
      return (
        <div className="save-ok" data-testid="save-result" data-outcome="saved" role="status">
          {save.configPath === null ? t('settings.applied') : t('settings.savedTo', { path: save.configPath })}
        </div>
      );
    case 'invalid':
      return (
        <div className="save-error" data-testid="save-result" data-outcome="invalid" role="alert">
          <div>{t('settings.invalid')}</div>
          <ul>
            {save.problems.lines.map((line, i) => (
              <li key={i} data-testid="save-problem" className="mono">
                {line}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'error':
      return (
        <div className="save-error" data-testid="save-result" data-outcome="error" role="alert">
          {t('settings.saveError', { message: save.message })}
        </div>
      );
  }
}

export function SettingsScreen() {
  const { t } = useTranslation();
  const { client } = useServices();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [draft, setDraft] = useState<DevicesDraft | null>(null);
  const [save, setSave] = useState<Save>({ kind: 'idle' });
  const [ports, setPorts] = useState<Ports>({ list: [], error: null, busy: false });
  const stash = useRef(new KindStash());
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  /** Takes the core's view as the new baseline: the form shows exactly what is in force. */
  const adopt = useCallback((view: SettingsView) => {
    // Sharing the object is safe: the draft is only ever replaced (setAt copies), never mutated.
    const base = draftFrom(view.devices);
    setLoad({ kind: 'ready', view, draft: base });
    setDraft(base);
    stash.current.clear();
  }, []);

  const reload = useCallback(() => {
    client.request('settings.get', {}).then(
      (view) => {
        if (!live.current) return;
        adopt(view);
        setSave({ kind: 'idle' });
      },
      (err: unknown) => {
        if (!live.current) return;
        // A failed revert keeps the form; only a first load has nothing else to show.
        setLoad((prev) => (prev.kind === 'ready' ? prev : { kind: 'error', message: envelopeOf(err).message }));
        setSave({ kind: 'error', message: envelopeOf(err).message });
      },
    );
  }, [client, adopt]);

  const refreshPorts = useCallback(() => {
    setPorts((p) => ({ ...p, busy: true }));
    client.request('devices.ports', {}).then(
      (list) => live.current && setPorts({ list, error: null, busy: false }),
      (err: unknown) => live.current && setPorts((p) => ({ ...p, error: envelopeOf(err).message, busy: false })),
    );
  }, [client]);

  // Opened straight from a link or a reload, the screen can be up before its socket is: it loads
  // once the station is connected (and again after a reconnect if the first try had failed).
  const connected = useApp((s) => s.connection) === 'open';
  const loaded = load.kind === 'ready';
  useEffect(() => {
    if (!connected || loaded) return;
    reload();
    refreshPorts();
  }, [connected, loaded, reload, refreshPorts]);

  const flagged = save.kind === 'invalid' ? save.problems.paths : NOTHING_FLAGGED;
  const form = useMemo<DraftForm | null>(
    () =>
      draft && {
        draft,
        flagged,
        set: (path, value) => setDraft((d) => (d ? setAt(d, path, value) : d)),
        switchKind: (section: SectionName, kind: string) =>
          setDraft({ ...draft, [section]: stash.current.switchKind(draft[section], section, kind) }),
      },
    [draft, flagged],
  );

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!draft || save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    client.request('settings.save', { devices: draft }).then(
      (view) => {
        if (!live.current) return;
        adopt(view);
        setSave({ kind: 'saved', configPath: view.configPath });
      },
      (err: unknown) => {
        if (!live.current) return;
        // The draft is left exactly as typed, so the supervisor fixes the named fields and saves again.
        const error = envelopeOf(err);
        setSave(
          error.code === 'bad_request'
            ? { kind: 'invalid', problems: problemsOf(error.message) }
            : { kind: 'error', message: error.message },
        );
      },
    );
  };

  const dirty = load.kind === 'ready' && draft !== null && !sameJson(draft, load.draft);

  return (
    <div className="settings-screen" data-testid="settings-screen">
      <nav className="settings-nav">
        <a href="#/" data-testid="settings-back">
          ← {t('settings.back')}
        </a>
        <h1>{t('settings.title')}</h1>
      </nav>
      {load.kind === 'loading' ? <p>{t('settings.loading')}</p> : null}
      {load.kind === 'error' ? (
        <p className="save-error" data-testid="settings-load-error">
          {t('settings.loadError', { message: load.message })}{' '}
          <button type="button" onClick={reload}>
            {t('settings.retry')}
          </button>
        </p>
      ) : null}
      {load.kind === 'ready' ? (
        // Saved on its own: the device draft below keeps any unsaved edits.
        <LayoutSettings
          current={load.view.layout}
          onSaved={(view) => setLoad((prev) => (prev.kind === 'ready' ? { ...prev, view } : prev))}
        />
      ) : null}
      {load.kind === 'ready' && form ? (
        <form className="settings-form-root" onSubmit={onSubmit} noValidate>
          <div className="settings-toolbar">
            <button type="submit" className="primary" data-testid="settings-save" disabled={save.kind === 'saving'}>
              {save.kind === 'saving' ? t('settings.saving') : t('settings.save')}
            </button>
            <button type="button" data-testid="settings-revert" onClick={reload} disabled={save.kind === 'saving'}>
              {t('settings.revert')}
            </button>
            <button type="button" data-testid="ports-refresh" onClick={refreshPorts} disabled={ports.busy}>
              {t('settings.refreshPorts')}
            </button>
            {dirty ? (
              <span className="dirty" data-testid="settings-dirty">
                {t('settings.dirty')}
              </span>
            ) : null}
            {ports.error ? (
              <span className="action-error">{t('settings.portsError', { message: ports.error })}</span>
            ) : null}
          </div>
          <SaveMessage save={save} />
          <DraftFormProvider value={form}>
            <ScaleSettings protocols={load.view.protocols} ports={ports.list} />
            <ScannerSettings ports={ports.list} />
            <PrinterSettings languages={load.view.languages} dirty={dirty} />
          </DraftFormProvider>
          <BaudRates />
        </form>
      ) : null}
      {load.kind === 'ready' ? <WechatPrinterPanel /> : null}
    </div>
  );
}
