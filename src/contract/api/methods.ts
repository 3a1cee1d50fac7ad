// The names of every request and event on the core contract. Kept dependency-free: the sandboxed
// Electron preload bundles this list as its allow-list, and api.ts checks its schemas against it.

export const CORE_METHODS = [
  'station.snapshot',
  'scan.submit',
  'sheet.get',
  'labels.get',
  'printer.jobs',
  'waybills.add',
  'waybills.pool',
  'sim.scale',
  'sim.printer',
  'settings.get',
  'settings.save',
  'settings.layout',
  'devices.ports',
  'devices.scale.tare',
  'devices.scale.zero',
  'devices.printer.status',
  'devices.printer.test',
  'devices.wechatPrinter.list',
  'devices.wechatPrinter.use',
  'supervisor.view',
  'supervisor.csv',
  'supervisor.close',
  'supervisor.export',
  'video.find',
  'video.pin',
  'video.disputes',
  'video.disputeProof',
  'stock.board',
  'stock.movements',
  'handover.cutoffs',
  'tracking.alerts',
  'tracking.timeline',
] as const;
export type CoreMethod = (typeof CORE_METHODS)[number];

export const CORE_EVENTS = [
  'station.snapshot',
  'scale.reading',
  'scan.feedback',
  'scale.frame',
  'effect.sound',
] as const;
export type CoreEventName = (typeof CORE_EVENTS)[number];

export function isCoreMethod(name: unknown): name is CoreMethod {
  return typeof name === 'string' && (CORE_METHODS as readonly string[]).includes(name);
}
