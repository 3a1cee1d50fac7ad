// Handover's part of the composition root: the 交接单 print queue on the printer handover.printer
// names, and the hub refresh, both kicked after every desk commit.
import type { Clock } from '../../../base/clock.js';
import type { Db } from '../../../base/node/sqlite/open.js';
import { SLIP_PRINTABLE_MM } from '../../../domain/slip/layout.js';
import type { HandoverPaper } from '../../../domain/handover/slip.js';
import type { LabelPrinter } from '../../../hardware/types.js';
import type { StationConfig } from '../../config/schema.js';
import { handoverPrinterOf } from '../../config/handover.js';
import type { Desk } from '../packing/desk.js';
import type { HandoverHub } from '../services.js';
import { HandoverStore } from '../store/handovers.js';
import { HandoverHubRefresh } from './hub-refresh.js';
import { HandoverPrintQueue } from './print.js';

export interface HandoverWiring {
  print: HandoverPrintQueue;
  refresh: HandoverHubRefresh;
  close(): void;
}

function paperOf(config: StationConfig): HandoverPaper {
  if (handoverPrinterOf(config) === 'label')
    return { widthMm: config.devices.printer.widthMm, heightMm: config.devices.printer.heightMm };
  const slip = config.packing.slip;
  return {
    widthMm: slip.language === 'pdf' ? SLIP_PRINTABLE_MM.a4 : SLIP_PRINTABLE_MM[slip.paperWidthMm],
    heightMm: null,
  };
}

export function wireHandover(deps: {
  db: Db;
  clock: Clock;
  config: () => StationConfig;
  labelPrinter: () => LabelPrinter | null;
  slipPrinter: LabelPrinter | null;
  hub: () => HandoverHub | null;
  desk: Desk;
  log: (line: string) => void;
  publish: () => void;
}): HandoverWiring {
  const store = new HandoverStore(deps.db);
  const printer = () => (handoverPrinterOf(deps.config()) === 'label' ? deps.labelPrinter() : deps.slipPrinter);
  const print = new HandoverPrintQueue({
    store,
    printer,
    paper: () => paperOf(deps.config()),
    log: deps.log,
    changed: deps.publish,
  });
  const refresh = new HandoverHubRefresh({
    store,
    hub: deps.hub,
    clock: deps.clock,
    timezone: () => deps.config().station.timezone,
    active: () => store.open() !== null,
    log: deps.log,
    changed: deps.publish,
  });
  const offCommit = deps.desk.onCommit(() => {
    void print.kick();
    void refresh.kick();
  });
  // A printer back from paper-out prints the sheet that waited.
  const offStatus = deps.slipPrinter?.onStatus((s) => {
    if (s.state === 'ready') void print.kick();
  });
  return {
    print,
    refresh,
    close() {
      offCommit();
      offStatus?.();
    },
  };
}
