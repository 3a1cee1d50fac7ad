// The station's composition root (`createStation`): stores, the desk, the print queue, devices and
// the request handlers, wired explicitly. Every host — Electron main, the browser-mode server, tests —
// calls this with its own database, devices and clock.
import type { Clock } from '../../shared/clock.js';
import type { CoreApi, CoreMethod } from '../../shared/api.js';
import type { DeviceStatus as DeviceStatusView, StationSnapshot } from '../../shared/station.js';
import type { Device } from '../../hardware/types.js';
import type { SimPrinter } from '../../hardware/sim/printer.js';
import type { SimScale } from '../../hardware/sim/scale.js';
import { labelSize, type StationConfig } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { CatalogStore } from './store/catalog.js';
import { DeskStateStore } from './store/desk-state.js';
import { LabelStore, WaybillPool } from './store/labels.js';
import { OrderStore } from './store/orders.js';
import { Outbox } from './store/outbox.js';
import { PackStore } from './store/packs.js';
import { PackerStore } from './store/packers.js';
import type { Stores } from './packing/context.js';
import { Desk } from './packing/desk.js';
import { PrintQueue } from './labels/queue.js';
import { buildSnapshot } from './snapshot.js';
import { CoreEventBus } from './events.js';
import { createDispatcher, type Handlers } from './dispatcher.js';
import { startCheckpointer } from '../db/checkpoint.js';
import { deskHandlers } from './handlers/desk.js';
import { sheetHandlers } from './handlers/sheet.js';
import { labelHandlers } from './handlers/labels.js';
import { waybillHandlers } from './handlers/waybills.js';
import { simHandlers } from './handlers/sim.js';
import { SimOperator } from '../sim/operator.js';
import type { StationDevices, StationServices } from './services.js';
import type { StationCore } from './types.js';

export interface StationOptions {
  db: Db;
  config: StationConfig;
  clock: Clock;
  devices: StationDevices;
  sim?: { scale?: SimScale | null; printer?: SimPrinter | null };
  log?: (line: string) => void;
}

export interface Station {
  core: StationCore;
  services: StationServices;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createStores(db: Db, stationId: string, now: () => number): Stores {
  return {
    catalog: new CatalogStore(db, now),
    orders: new OrderStore(db, now),
    packs: new PackStore(db),
    packers: new PackerStore(db),
    labels: new LabelStore(db),
    pool: new WaybillPool(db),
    outbox: new Outbox(db, stationId, now),
    desk: new DeskStateStore(db),
  };
}

function deviceView(role: DeviceStatusView['role'], d: Device | null): DeviceStatusView[] {
  if (!d) return [];
  const s = d.status();
  return [{ role, kind: d.kind, simulated: d.simulated, state: s.state, detail: s.detail }];
}

export function createStation(opts: StationOptions): Station {
  const { db, config, clock, devices } = opts;
  const log = opts.log ?? (() => {});
  const now = () => clock.now();
  const stores = createStores(db, config.station.id, now);
  const desk = new Desk({ db, config, clock, stores });
  const bus = new CoreEventBus();
  const carriers = Object.keys(config.packing.carriers.names);

  // A keyboard-wedge scanner has no driver in the core: the UI reads it, so it is ready whenever
  // the UI is connected (which it is, to be looking at this snapshot).
  const scannerView = (): DeviceStatusView[] =>
    devices.scanner
      ? deviceView('scanner', devices.scanner)
      : [{ role: 'scanner', kind: config.devices.scanner.kind, simulated: false, state: 'ready', detail: null }];
  const snapshot = (): StationSnapshot =>
    buildSnapshot(desk.ctx, {
      devices: [...scannerView(), ...deviceView('scale', devices.scale), ...deviceView('printer', devices.printer)],
      sync: { mode: 'local', queueDepth: stores.outbox.pendingCount(), lastError: null },
      carriers,
    });

  // Many commits in a burst (a fast scanner, a reading storm) produce one snapshot.
  let snapshotQueued = false;
  const publish = () => {
    if (snapshotQueued) return;
    snapshotQueued = true;
    setImmediate(() => {
      snapshotQueued = false;
      try {
        bus.emit('station.snapshot', snapshot());
      } catch (err) {
        log(`snapshot failed: ${err instanceof Error ? err.stack : String(err)}`);
      }
    });
  };

  const printQueue = new PrintQueue({
    db,
    labels: stores.labels,
    outbox: stores.outbox,
    printer: devices.printer,
    size: labelSize(config),
    now,
    changed: (labelId, outcome, detail) => {
      if (outcome === 'fault') log(`label ${labelId} waits: printer ${detail ?? 'fault'}`);
      publish();
    },
  });

  const checkpoints = startCheckpointer(db, { log });
  desk.onCommit(({ effects, scan }) => {
    if (scan) bus.emit('scan.feedback', { verdict: scan.verdict, sound: scan.sound, scanId: scan.scanId });
    for (const sound of effects.sounds) bus.emit('scan.feedback', { verdict: scan?.verdict ?? 'item_ok', sound, scanId: scan?.scanId ?? 0 });
    if (effects.print.length > 0) void printQueue.kick();
    publish();
  });

  const unsubscribers: (() => void)[] = [];
  unsubscribers.push(
    devices.scale.onReading((r) => {
      try {
        desk.reading(r);
      } catch (err) {
        log(`scale reading not applied: ${err instanceof Error ? err.message : String(err)}`);
      }
      bus.emit('scale.reading', r);
    }),
  );
  if (devices.scanner) {
    const source = devices.scanner.simulated ? 'sim' : 'serial';
    unsubscribers.push(
      devices.scanner.onScan((code) => {
        try {
          desk.scan(code, source);
        } catch (err) {
          log(`scan "${code}" failed: ${err instanceof Error ? err.stack : String(err)}`);
        }
      }),
    );
  }
  for (const d of [devices.scanner, devices.scale, devices.printer]) if (d) unsubscribers.push(d.onStatus(publish));

  const sim = { scale: opts.sim?.scale ?? null, printer: opts.sim?.printer ?? null };
  const simCfg = config.devices.scale.kind === 'sim' ? config.devices.scale : null;
  const operator =
    sim.scale && simCfg ? new SimOperator(sim.scale, clock, { autoPlace: simCfg.autoPlace, placeDelayMs: simCfg.placeDelayMs, removeDelayMs: 1200 }) : null;
  if (operator) unsubscribers.push(bus.on('station.snapshot', (s) => operator.observe(s)));

  const services: StationServices = { db, config, desk, devices, printQueue, snapshot, sim };
  const handlers: Handlers = {
    ...deskHandlers(services),
    ...sheetHandlers(services),
    ...labelHandlers(services),
    ...waybillHandlers(services),
    ...simHandlers(services, operator),
  };
  const dispatch = createDispatcher(handlers, (method, err) => log(`${method} failed: ${err instanceof Error ? err.stack : String(err)}`));

  const core: StationCore = {
    dispatch,
    call: <K extends CoreMethod>(method: K, args: CoreApi[K]['args']) => dispatch(method, args) as Promise<CoreApi[K]['result']>,
    subscribe: (l) => bus.subscribe(l),
    on: (event, l) => bus.on(event, l),
  };

  return {
    core,
    services,
    async start() {
      for (const d of [devices.scanner, devices.scale, devices.printer]) await d?.start();
      void printQueue.kick(); // labels left queued by a crash or a fault print now
      publish();
    },
    async close() {
      for (const u of unsubscribers) u();
      await checkpoints.stop();
      printQueue.close();
      await printQueue.idle();
      for (const d of [devices.scanner, devices.scale, devices.printer]) await d?.stop();
    },
  };
}
