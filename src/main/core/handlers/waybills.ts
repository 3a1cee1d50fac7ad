import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function waybillHandlers(s: StationServices): Pick<Handlers, 'waybills.add' | 'waybills.pool'> {
  return {
    'waybills.add': ({ carrier, numbers }) => s.desk.addWaybills(carrier, numbers),
    'waybills.pool': () => s.desk.poolCounts(),
  };
}
