// English for the packing-video lookup (see evidence.zh-CN.ts).
import type { evidenceZhCN } from './evidence.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const evidenceEn: Strings<typeof evidenceZhCN> = {
  title: 'Packing video',
  link: 'Packing video',
  prompt: 'Scan or type a waybill / order id',
  field: 'Waybill or order id',
  find: 'Find',
  searching: 'Searching…',
  none: 'No packing video for {{code}} (only desks with a camera configured record while packing).',
  order: 'Order',
  waybill: 'Waybill',
  packer: 'Packer',
  time: 'Time',
  pinned: 'Pinned (in dispute: retention keeps it)',
  pin: 'Pin (dispute)',
  unpin: 'Unpin',
  export: 'Export clip and stills (zip with a manifest of hashes)',
  deleted: 'The clip was deleted by retention; its hashes remain.',
  timeline: 'Scan timeline',
  stills: 'Stills',
  camera: 'Camera {{id}}',
  mark: { order: 'Order', scan: 'Scan', weight: 'Weight', label: 'Label' },
  moment: { scan: 'Scan', weight: 'Stable weight', label: 'Label' },
  error: 'Lookup failed: {{message}}',
};
