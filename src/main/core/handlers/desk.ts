import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function deskHandlers(s: StationServices): Pick<Handlers, 'station.snapshot' | 'scan.submit'> {
  return {
    'station.snapshot': () => s.snapshot(),
    'scan.submit': ({ code, source, misread }) => s.desk.scan(code, source, misread),
  };
}
