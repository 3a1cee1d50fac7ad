// "Scans are not landing" must be seen on any background, a red alert included (issue 12 §2): a
// black-and-yellow full-width bar, fixed above everything, saying what is wrong and what to do.
// A lost link to the station is the loud one; the hub being unreachable only says packing goes on.
import { useTranslation } from 'react-i18next';
import { useApp } from '../context.js';

export function OfflineBanner() {
  const { t } = useTranslation();
  const connection = useApp((s) => s.connection);
  const hubOffline = useApp((s) => s.snapshot?.sync.mode === 'offline');
  if (connection === 'open' && !hubOffline) return null;
  const kind = connection === 'closed' ? 'closed' : connection === 'connecting' ? 'connecting' : 'hub';
  const title =
    kind === 'closed'
      ? 'console.offline.closed'
      : kind === 'connecting'
        ? 'console.offline.connecting'
        : 'console.offline.hub';
  const todo =
    kind === 'closed'
      ? 'console.offline.closedDo'
      : kind === 'connecting'
        ? 'console.offline.connectingDo'
        : 'console.offline.hubDo';
  return (
    <div
      className={`offline-banner offline-${kind}`}
      data-testid={kind === 'hub' ? 'offline-banner' : 'connection'}
      data-state={kind === 'hub' ? 'offline' : connection}
      role="alert"
    >
      <span className="offline-icon" aria-hidden="true">
        ⚠
      </span>
      <strong>{t(title)}</strong>
      <span className="offline-todo">{t(todo)}</span>
    </div>
  );
}
