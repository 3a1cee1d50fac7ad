// What the request handlers may use. Built once per station by the composition root.
import type { Db } from '../db/open.js';
import type { StationConfig } from '../config/schema.js';
import type { StationSnapshot } from '../../shared/station.js';
import type { LabelPrinter, Scale, Scanner } from '../../hardware/types.js';
import type { SimPrinter } from '../../hardware/sim/printer.js';
import type { SimScale } from '../../hardware/sim/scale.js';
import type { Desk } from './packing/desk.js';
import type { PrintQueue } from './labels/queue.js';

export interface StationDevices {
  scanner: Scanner | null;
  scale: Scale;
  printer: LabelPrinter;
}

export interface StationServices {
  db: Db;
  config: StationConfig;
  desk: Desk;
  devices: StationDevices;
  printQueue: PrintQueue;
  snapshot(): StationSnapshot;
  /** Present only when the device is the simulator (the demo and tests drive it). */
  sim: { scale: SimScale | null; printer: SimPrinter | null };
}
