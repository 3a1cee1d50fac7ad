// Controls for the simulated devices (demo, tests, development without hardware).
import { CoreFault } from '../../../contract/api.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';
import type { SimOperator } from '../../../hardware/sim/operator.js';

export function simHandlers(
  s: StationServices,
  operator: SimOperator | null,
): Pick<Handlers, 'sim.scale' | 'sim.printer'> {
  return {
    'sim.scale': ({ place, autoPlace, ...settings }) => {
      const scale = s.sim.scale();
      if (!scale)
        throw new CoreFault('not_simulated', 'the scale is a real device; sim.scale only drives the simulator');
      const applied = scale.configure(settings);
      if (autoPlace !== undefined) operator?.setAutoPlace(autoPlace);
      if (place !== undefined) scale.place(place);
      return { ...applied, autoPlace: operator?.autoPlace() ?? false, placedG: scale.placed() };
    },
    'sim.printer': ({ paperOut }) => {
      const printer = s.sim.printer();
      if (!printer)
        throw new CoreFault('not_simulated', 'the printer is a real device; sim.printer only drives the simulator');
      if (paperOut !== undefined) printer.setPaperOut(paperOut);
      return { paperOut: printer.isPaperOut(), jobs: printer.jobs().length };
    },
  };
}
