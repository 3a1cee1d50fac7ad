// The outcome of a device command next to its button: what it did, or why it failed.
import { useTranslation } from 'react-i18next';
import type { ActionState } from './useAction.js';

export function ActionResult({ state, done, testId }: { state: ActionState<unknown>; done: string; testId: string }) {
  const { t } = useTranslation();
  if (state.kind === 'ok')
    return (
      <span className="action-ok" data-testid={testId} data-outcome="ok">
        {done}
      </span>
    );
  if (state.kind === 'error')
    return (
      <span className="action-error" data-testid={testId} data-outcome="error" role="alert">
        {t('settings.failed', { message: state.message })}
      </span>
    );
  return null;
}
