// Root component: routes between the pack screen, the barcode sheet and the device settings, listens
// for wedge scans, and keeps the language in step with the store. Transport-agnostic: it only sees a
// CoreClient.
import { useEffect } from 'react';
import { AppProvider, useApp, useServices, type AppServices } from './context.js';
import { saveLocale } from './i18n/index.js';
import { installWedge } from './scan/wedge.js';
import { PackScreen } from './screens/PackScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { SheetScreen } from './screens/SheetScreen.js';
import type { View } from './store.js';
import { submitScan } from './wiring.js';

export function viewFromHash(hash: string): View {
  const first = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return first === 'sheet' || first === 'settings' ? first : 'pack';
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

function useLocaleSync(): void {
  const { i18n } = useServices();
  const locale = useApp((s) => s.locale);
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
    saveLocale(locale);
  }, [i18n, locale]);
}

function useWedgeScanner(): void {
  const { client, store, sound } = useServices();
  useEffect(
    () =>
      installWedge(window, (code) => {
        // The scanner's keystrokes are the user gesture browsers need before audio may play.
        sound.unlock();
        submitScan(client, store, sound, code);
      }),
    [client, store, sound],
  );
}

function Routes() {
  useHashRoute();
  useLocaleSync();
  useWedgeScanner();
  const view = useApp((s) => s.view);
  if (view === 'sheet') return <SheetScreen />;
  if (view === 'settings') return <SettingsScreen />;
  return <PackScreen />;
}

export function App({ services }: { services: AppServices }) {
  return (
    <AppProvider services={services}>
      <Routes />
    </AppProvider>
  );
}
