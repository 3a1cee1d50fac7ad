// The station's composition root (`createStation`): stores, the desk, the print queue, devices and
// the request handlers, wired explicitly. Every host — Electron main, the browser-mode server, tests —
// calls this with its own database, devices and clock.
import type { Clock } from '../../base/clock.js';
import type { StationReport } from '../../contract/sync.js';
import type { CoreApi, CoreMethod } from '../../contract/api.js';
import type { StationSnapshot } from '../../contract/station.js';
import { SimPrinter } from '../../hardware/sim/printer.js';
import { SimScale } from '../../hardware/sim/scale.js';
import { labelSize, type StationConfig } from '../config/schema.js';
import { handoverPrinterOf } from '../config/handover.js';
import type { Db } from '../../base/node/sqlite/open.js';
import { CatalogStore } from './store/catalog.js';
import { DeskStateStore } from './store/desk-state.js';
import { LabelStore, WaybillPool } from './store/labels.js';
import { OrderStore } from './store/orders.js';
import { Outbox } from './store/outbox.js';
import { PackStore } from './store/packs.js';
import { PackerStore } from './store/packers.js';
import { LayoutStore } from './store/layouts.js';
import { SyncStore } from '../sync/store.js';
import { StockDeskStore } from './store/stock-desk.js';
import { stockHandlers } from './handlers/stock.js';
import type { HubStock } from '../sync/stock-reads.js';
import type { Stores } from './packing/context.js';
import { Desk } from './packing/desk.js';
import { PrintQueue } from './labels/queue.js';
import { SlipQueue } from './slips/queue.js';
import { SlipStore } from './store/slips.js';
import { wechatTaskFor } from './labels/wechat-route.js';
import { CoreEventBus } from './events.js';
import { createDispatcher, type Handlers } from './dispatcher.js';
import { startCheckpointer } from '../../base/node/sqlite/checkpoint.js';
import { deskHandlers } from './handlers/desk.js';
import { sheetHandlers } from './handlers/sheet.js';
import { labelHandlers } from './handlers/labels.js';
import { waybillHandlers } from './handlers/waybills.js';
import { simHandlers } from './handlers/sim.js';
import { SimOperator } from '../../hardware/sim/operator.js';
import type {
  ConfigStore,
  DeviceFactory,
  DeviceSlots,
  HandoverHub,
  HubStats,
  StationDevices,
  StationServices,
} from './services.js';
import { PrinterSlot, ScaleSlot, ScannerSlot } from './devices/slots.js';
import { deviceView, scannerView, wireDevices } from './devices/wiring.js';
import { settingsHandlers } from './handlers/settings.js';
import { wechatPrinterHandlers } from './handlers/wechat-printer.js';
import { supervisorHandlers } from './handlers/supervisor.js';
import type { StationCore } from './types.js';
import { VideoService, type VideoDeps } from './video/service.js';
import { videoHandlers } from './handlers/video.js';
import { wireHandover } from './handover/wiring.js';
import { handoverHandlers } from './handlers/handover.js';
import { trackingHandlers } from './handlers/tracking.js';
import type { HubTracking } from '../sync/tracking-reads.js';
import type { HubDisputes } from '../sync/dispute-reads.js';
import { DisputeDesk } from './video/disputes.js';
import { disputeHandlers } from './handlers/disputes.js';

/** What the composition root needs of the hub sync engine (src/main/sync/engine.ts is one). */
export interface SyncPort {
  start(): void;
  stop(): Promise<void>;
  status(): StationSnapshot['sync'];
  onStatus(listener: () => void): () => void;
  /** The hub section of the config changed (token, URL): reconnect with it. */
  reconfigure(hub: NonNullable<StationConfig['hub']>): void;
  /** The hub's figures for the supervisor view, through the same client and its typed errors. */
  readonly stats?: HubStats;
  /** The hub's handover lists for a batch at this desk (parcels packed at other desks). */
  readonly handover?: HandoverHub;
  /** The hub's stock board, alerts and movements (the supervisor view's stock tab). */
  readonly stock?: HubStock;
  /** The hub's stuck-parcel alerts and parcel traces (the supervisor view's tracking panel). */
  readonly tracking?: HubTracking;
  /** The hub's after-sale disputes on orders this desk packed (the evidence screen). */
  readonly disputes?: HubDisputes;
}

/** Builds the sync engine once the desk exists; hosts pass one when the config has a `hub`. */
export type SyncFactory = (deps: {
  desk: Desk;
  db: Db;
  clock: Clock;
  config: StationConfig;
  log: (line: string) => void;
  /** The station's layout, queue and faults, for the hub's supervisor tiles (read on each pull). */
  report: () => StationReport;
}) => SyncPort;

export interface StationOptions {
  db: Db;
  config: StationConfig;
  clock: Clock;
  /** The devices to start with; settings changes swap them through `factory`. */
  devices: StationDevices;
  factory?: DeviceFactory;
  configStore?: ConfigStore;
  log?: (line: string) => void;
  /** Without it the station runs alone: sync mode `local`. */
  sync?: SyncFactory;
  /** Packing-video cameras (devices.cameras), built by the host; absent: no recording. */
  video?: Pick<VideoDeps, 'cameras' | 'dir' | 'cut' | 'bufferBytes'>;
}

export interface Station {
  core: StationCore;
  services: StationServices;
  sync: SyncPort | null;
  /** Packing video (cameras, clip index, evidence export). */
  video: VideoService;
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
    layouts: new LayoutStore(db),
    sync: new SyncStore(db),
    stock: new StockDeskStore(db),
  };
}

export function createStation(opts: StationOptions): Station {
  const { db, clock } = opts;
  let config = opts.config;
  const log = opts.log ?? (() => {});
  const now = () => clock.now();
  const stores = createStores(db, config.station.id, now);
  const desk = new Desk({ db, config, clock, stores });
  const bus = new CoreEventBus();

  const slots: DeviceSlots = {
    scanner: new ScannerSlot('keyboard'),
    scale: new ScaleSlot('none'),
    printer: new PrinterSlot('none'),
  };
  slots.scanner.attach(opts.devices.scanner);
  slots.scale.attach(opts.devices.scale);
  slots.printer.attach(opts.devices.printer);
  const wechatPrinter = opts.devices.wechatPrinter ?? null;
  // Packing slips (packing.slip): their own printer; a simulator when the host gave none.
  // The 交接单 prints there too unless handover.printer says the label printer.
  const needsSlipPrinter = config.packing.slip.enabled || handoverPrinterOf(config) === 'slip';
  const slipPrinter = needsSlipPrinter ? (opts.devices.slipPrinter ?? new SimPrinter('escpos', now)) : null;
  const video = new VideoService({
    db,
    clock,
    config: () => config,
    outbox: stores.outbox,
    log,
    cameras: opts.video?.cameras ?? [],
    dir: opts.video?.dir ?? '.',
    cut: opts.video?.cut ?? (() => Promise.reject(new Error('no clip cutter'))),
    bufferBytes: opts.video?.bufferBytes,
  });
  const deviceRows = () => [
    scannerView(slots, config.devices.scanner.kind),
    deviceView('scale', slots.scale),
    deviceView('printer', slots.printer),
    ...(wechatPrinter ? [deviceView('wechat_printer', wechatPrinter)] : []),
    ...(slipPrinter ? [deviceView('slip_printer', slipPrinter)] : []),
    ...video.devices().map(({ id: _id, ...row }) => row),
  ];
  stores.layouts.record(config.station.layout, clock.now());
  const report = (): StationReport => ({
    layout: config.station.layout,
    layoutSince: stores.layouts.since(),
    queueDepth: stores.outbox.pendingCount(),
    pendingLabels: stores.labels.counts().pending,
    faults: deviceRows()
      .filter((d) => d.state !== 'ready')
      .map((d) => ({ role: d.role, state: d.state, detail: d.detail })),
    // Read on each pull, by when the engine exists.
    deadLetters: sync?.status().deadLetters ?? 0,
  });
  const sync = opts.sync?.({ desk, db, clock, config, log, report }) ?? null;
  const disputes = new DisputeDesk({ hub: sync?.disputes ?? null, video, packers: stores.packers, clock, log });

  const snapshot = (): StationSnapshot =>
    desk.view({
      devices: deviceRows(),
      sync: syncView(),
    });

  const syncView = (): StationSnapshot['sync'] => {
    if (!sync)
      return {
        mode: 'local',
        queueDepth: stores.outbox.pendingCount(),
        deadLetters: 0,
        quarantined: 0,
        lastError: null,
      };
    const { mode, queueDepth, deadLetters, quarantined, lastError, hub } = sync.status();
    return { mode, queueDepth, deadLetters, quarantined, lastError, hub };
  };

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
    packs: stores.packs,
    outbox: stores.outbox,
    printer: slots.printer,
    size: () => labelSize(config),
    wechat: { printer: wechatPrinter, taskFor: (m) => wechatTaskFor(stores.sync, m) },
    now,
    changed: (labelId, outcome, detail) => {
      if (outcome === 'fault') log(`label ${labelId} waits: printer ${detail ?? 'fault'}`);
      publish();
    },
  });

  // Packing slips: their own printer and queue, kicked after every commit (a completed pack queued one).
  const slipQueue = slipPrinter
    ? new SlipQueue({
        store: new SlipStore(db),
        printer: slipPrinter,
        paper: () => (config.packing.slip.language === 'pdf' ? 'a4' : config.packing.slip.paperWidthMm),
        now,
        log,
      })
    : null;
  if (slipQueue) desk.onCommit(() => void slipQueue.kick());
  // Its paper-out shows in the status bar like the label printer's.
  const unsubscribeSlip = slipPrinter?.onStatus(publish) ?? (() => {});

  // Courier handover (交接): the 交接单 queue and the hub's lists for the batch's carrier.
  const handover = wireHandover({
    db,
    clock,
    config: () => config,
    labelPrinter: () => slots.printer.current(),
    slipPrinter,
    hub: () => sync?.handover ?? null,
    desk,
    log,
    publish,
  });

  const checkpoints = startCheckpointer(db, { log });
  desk.onCommit(({ effects, scan }) => {
    if (scan) bus.emit('scan.feedback', { verdict: scan.verdict, sound: scan.sound, scanId: scan.scanId });
    // Sounds no scan carries (a weight verdict, the completion chime, an intercept from the hub).
    for (const sound of effects.sounds) bus.emit('effect.sound', { sound });
    if (effects.print.length > 0) void printQueue.kick();
    publish();
  });

  const unsubscribers = wireDevices(slots, desk, bus, publish, log);
  unsubscribers.push(video.onChange(publish));
  if (sync) unsubscribers.push(sync.onStatus(publish));
  if (wechatPrinter) unsubscribers.push(wechatPrinter.onStatus(publish));
  const simScale = () => {
    const d = slots.scale.current();
    return d instanceof SimScale ? d : null;
  };
  const simPrinter = () => {
    const d = slots.printer.current();
    return d instanceof SimPrinter ? d : null;
  };
  const operator = new SimOperator(simScale, clock, {
    autoPlace: config.devices.scale.kind === 'sim' ? config.devices.scale.autoPlace : false,
    placeDelayMs: config.devices.scale.kind === 'sim' ? config.devices.scale.placeDelayMs : 400,
    removeDelayMs: 1200,
  });
  unsubscribers.push(bus.on('station.snapshot', (s) => operator.observe(s)));

  const services: StationServices = {
    db,
    stores,
    config: () => config,
    desk,
    devices: slots,
    factory: opts.factory ?? null,
    configStore: opts.configStore ?? null,
    printQueue,
    wechatPrinter,
    slips: slipQueue && slipPrinter ? { queue: slipQueue, printer: slipPrinter } : null,
    hubStats: sync?.stats ?? null,
    hubStock: sync?.stock ?? null,
    hubHandover: sync?.handover ?? null,
    hubTracking: sync?.tracking ?? null,
    clock,
    snapshot,
    applyConfig(next) {
      if (sync && next.hub && JSON.stringify(next.hub) !== JSON.stringify(config.hub)) sync.reconfigure(next.hub);
      stores.layouts.record(next.station.layout, clock.now());
      config = next;
      desk.applyConfig(next);
      publish();
    },
    sim: { scale: simScale, printer: simPrinter },
    report,
  };
  const handlers: Handlers = {
    ...deskHandlers(services),
    ...sheetHandlers(services),
    ...labelHandlers(services),
    ...waybillHandlers(services),
    ...simHandlers(services, operator),
    ...settingsHandlers(services, log),
    ...wechatPrinterHandlers(services, log),
    ...supervisorHandlers(services, log),
    ...videoHandlers(video),
    ...disputeHandlers(disputes),
    ...stockHandlers(services, log),
    ...handoverHandlers(services, log),
    ...trackingHandlers(services, log),
  };
  const dispatch = createDispatcher(handlers, (method, err) =>
    log(`${method} failed: ${err instanceof Error ? err.stack : String(err)}`),
  );

  const core: StationCore = {
    dispatch,
    call: <K extends CoreMethod>(method: K, args: CoreApi[K]['args']) =>
      dispatch(method, args) as Promise<CoreApi[K]['result']>,
    subscribe: (l) => bus.subscribe(l),
    on: (event, l) => bus.on(event, l),
  };

  return {
    core,
    services,
    sync,
    video,
    async start() {
      for (const d of [slots.scanner, slots.scale, slots.printer]) await d.start();
      await wechatPrinter?.start();
      await slipPrinter?.start();
      void printQueue.kick(); // labels left queued by a crash or a fault print now
      void slipQueue?.kick(); // and slips
      void handover.print.kick(); // and handover sheets
      sync?.start();
      disputes.start();
      // Cameras last: a camera that cannot start is a status row, never a station that cannot.
      if (opts.video && opts.video.cameras.length > 0) await video.start();
      publish();
    },
    async close() {
      disputes.stop();
      await video.stop();
      await sync?.stop();
      for (const u of unsubscribers) u();
      await checkpoints.stop();
      printQueue.close();
      await printQueue.idle();
      for (const d of [slots.scanner, slots.scale, slots.printer]) await d.stop();
      await wechatPrinter?.stop();
      unsubscribeSlip();
      slipQueue?.close();
      await slipQueue?.idle();
      handover.close();
      await handover.print.idle();
      await handover.refresh.idle();
      await slipPrinter?.stop();
    },
  };
}
