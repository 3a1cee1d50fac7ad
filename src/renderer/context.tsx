// What every screen needs, provided once: the store, the core client and the speaker.
import { createContext, useContext, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { CoreClient } from './client/types.js';
import type { SoundPlayer } from './sound.js';
import type { AppState, AppStore } from './store.js';

export interface AppServices {
  store: AppStore;
  client: CoreClient;
  sound: SoundPlayer;
  i18n: I18n;
}

const ServicesContext = createContext<AppServices | null>(null);

export function AppProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <I18nextProvider i18n={services.i18n}>{children}</I18nextProvider>
    </ServicesContext.Provider>
  );
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('AppProvider is missing above this component');
  return services;
}

/** Subscribes to one slice of the store; re-renders only when that slice changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useServices().store(selector);
}
