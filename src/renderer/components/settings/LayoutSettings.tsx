// The desk's bench layout (U-shaped, straight, island). Saved on its own, apart from the device
// draft: the supervisor view compares layouts, and the station and the hub date the change now.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../contract/api.js';
import { LAYOUTS, type Layout } from '../../../contract/entities.js';
import { envelopeOf } from '../../client/types.js';
import { useServices } from '../../context.js';

type State =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; layout: Layout } | { kind: 'error'; message: string };

export function LayoutSettings({ current, onSaved }: { current: Layout; onSaved: (view: SettingsView) => void }) {
  const { t } = useTranslation();
  const { client } = useServices();
  const [choice, setChoice] = useState<Layout>(current);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const save = () => {
    setState({ kind: 'saving' });
    client.request('settings.layout', { layout: choice }).then(
      (view) => {
        onSaved(view);
        setState({ kind: 'saved', layout: view.layout });
      },
      (err: unknown) => setState({ kind: 'error', message: envelopeOf(err).message }),
    );
  };
  return (
    <section className="settings-section" data-testid="settings-layout" aria-labelledby="settings-layout-title">
      <h2 id="settings-layout-title">{t('settings.layout.title')}</h2>
      <p className="muted">{t('settings.layout.hint')}</p>
      <div className="settings-row">
        <select
          data-testid="layout-select"
          value={choice}
          onChange={(e) => setChoice(e.target.value as Layout)}
          aria-label={t('settings.layout.title')}
        >
          {LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {t(`layout.${l}`)}
            </option>
          ))}
        </select>{' '}
        <button
          type="button"
          data-testid="layout-save"
          onClick={save}
          disabled={state.kind === 'saving' || choice === current}
        >
          {t('settings.layout.save')}
        </button>
        {state.kind === 'saved' ? (
          <span className="save-ok" role="status" data-testid="layout-result">
            {t('settings.layout.saved', { layout: t(`layout.${state.layout}`) })}
          </span>
        ) : null}
        {state.kind === 'error' ? (
          <span className="save-error" role="alert" data-testid="layout-result">
            {t('settings.layout.failed', { message: state.message })}
          </span>
        ) : null}
      </div>
    </section>
  );
}
