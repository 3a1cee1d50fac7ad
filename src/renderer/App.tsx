// Root component: routes between the pack screen, the barcode sheet, the device settings and the
// supervisor view, listens for wedge scans, and keeps the language in step with the store.
// Transport-agnostic: it only sees a CoreClient.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AppProvider, useApp, useServices, type AppServices } from './context.js';
import { saveLocale } from './i18n/index.js';
import { ScanToast } from './components/ScanToast.js';
import { useWedge } from './scan/useWedge.js';
import { PackScreen } from './screens/PackScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { SheetScreen } from './screens/SheetScreen.js';
import { EvidenceScreen } from './screens/EvidenceScreen.js';
import type { View } from './store.js';

// The charts library is most of the supervisor view's weight and the pack screen never needs it, so
// the view is a chunk of its own, loaded the first time someone opens it.
const SupervisorScreen = lazy(() =>
  import('./screens/SupervisorScreen.js').then((m) => ({ default: m.SupervisorScreen })),
);

function SupervisorLoading() {
  const { t } = useTranslation();
  return <p className="waiting">{t('supervisor.loading')}</p>;
}

export function viewFromHash(hash: string): View {
  const first = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return first === 'sheet' || first === 'settings' || first === 'supervisor' || first === 'evidence' ? first : 'pack';
}

function useHashRoute(): void {
  const setView = useApp((s) => s.setView);
  useEffect(() => {
    const sync = () => setView(viewFromHash(window.location.hash));
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [setView]);
}

/**
 * A supervisor badge scanned at the desk opens the supervisor view; CMD-CANCEL (the core clears
 * `snapshot.supervisor`) brings the desk back to packing. Only changes navigate, so a supervisor
 * who walks on to another screen is not pulled back by every snapshot that follows.
 */
function useSupervisorRoute(): void {
  const supervisorId = useApp((s) => s.snapshot?.supervisor?.id ?? null);
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const was = previous.current;
    previous.current = supervisorId;
    if (supervisorId !== null && supervisorId !== was) window.location.hash = '#/supervisor';
    else if (supervisorId === null && was !== null && viewFromHash(window.location.hash) === 'supervisor')
      window.location.hash = '#/';
  }, [supervisorId]);
}

function useLocaleSync(): void {
  const { i18n } = useServices();
  const locale = useApp((s) => s.locale);
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
    saveLocale(locale);
  }, [i18n, locale]);
}

function Screen() {
  const view = useApp((s) => s.view);
  if (view === 'sheet') return <SheetScreen />;
  if (view === 'settings') return <SettingsScreen />;
  if (view === 'evidence') return <EvidenceScreen />;
  if (view === 'supervisor') {
    return (
      <Suspense fallback={<SupervisorLoading />}>
        <SupervisorScreen />
      </Suspense>
    );
  }
  return <PackScreen />;
}

function Routes() {
  useHashRoute();
  useLocaleSync();
  // Where a scan goes depends on the screen (scan/useWedge.ts); the toast says what became of it.
  const { toast, dismiss } = useWedge();
  useSupervisorRoute();
  return (
    <>
      <Screen />
      <ScanToast toast={toast} onDismiss={dismiss} />
    </>
  );
}

export function App({ services }: { services: AppServices }) {
  return (
    <AppProvider services={services}>
      <Routes />
    </AppProvider>
  );
}
