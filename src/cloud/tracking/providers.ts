// The configured tracking provider (config `tracking.providers`), built from the config alone so
// the callback route and the worker each hold one without shared state.
import type { HubConfig } from '../config.js';
import { Kuaidi100Provider } from './kuaidi100.js';
import type { TrackingProvider } from './provider.js';

export function configuredProvider(config: HubConfig): TrackingProvider | null {
  const k = config.tracking.providers.kuaidi100;
  return k ? new Kuaidi100Provider(k) : null;
}
