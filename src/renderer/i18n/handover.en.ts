// Courier handover texts, English: the screen, its notices, alerts and scan verdicts.
import type { handoverAlertsZhCN, handoverNoticesZhCN, handoverVerdictsZhCN, handoverZhCN } from './handover.zh-CN.js';

type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

export const handoverEn: Same<typeof handoverZhCN> = {
  mode: 'Courier handover',
  next: {
    carrier: "Scan the courier's badge, or a carrier barcode",
    parcels: 'Scan each parcel’s waybill; then scan HANDOVER DONE',
  },
  carrier: 'Carrier',
  courier: 'Courier',
  count: 'Handed over',
  expected: '{{count}} due today',
  countValue: '{{count}} parcels',
  scanned: 'In this batch',
  none: 'No parcel scanned yet',
  more: '{{count}} more not shown',
  lastClosed: 'Last batch',
  closedAt: 'Closed {{time}}',
  missingTitle: '{{count}} not handed over (packed today, in no batch)',
  missingNone: "All of today's parcels for this carrier are handed over",
  missingFrom: { hub: 'every desk (hub)', desk: 'this desk only (offline)' },
  print: {
    queued: 'Printing the handover sheet…',
    printed: 'Handover sheet printed',
    uncertain: 'The handover sheet may have printed (interrupted): check the printer',
    error: 'Handover sheet waiting: {{error}}',
  },
  commands: 'Handover barcodes',
  cmd: { close: 'Handover done', exit: 'Leave handover', start: 'Courier handover' },
  cutoffs: {
    title: 'Collection cut-offs',
    none: 'No cut-off times configured (handover.cutoffs)',
    offline: 'Hub unreachable: cut-offs unavailable',
    left: '{{time}} left',
    passed: 'Cut-off passed',
    pending: '{{count}} waiting',
    warn: '{{count}} will miss the {{cutoff}} cut-off',
  },
};

export const handoverNoticesEn: Same<typeof handoverNoticesZhCN> = {
  handover_mode: "Courier handover: scan the courier's badge or a carrier barcode",
  handover_mode_left: 'Left courier handover; back to packing',
  handover_carrier: 'Handing over to {{carrier}}: scan each parcel',
  handover_scanned: 'Handed over {{waybill}} ({{count}} in this batch)',
  handover_closed: '{{carrier}} handover done: {{count}} parcels, {{missing}} not handed over',
  handover_close_first: '{{count}} parcels in this batch: scan HANDOVER DONE first',
  handover_nothing_to_close: 'No parcel in this batch yet: nothing to close',
  handover_unknown_carrier: 'Unknown carrier {{carrier}}',
};

export const handoverAlertsEn: Same<typeof handoverAlertsZhCN> = {
  handover_no_carrier: {
    title: 'No carrier chosen yet',
    action: "Scan the courier's badge or a carrier barcode first, then parcel {{waybill}}",
    clear: 'Scan CONFIRM to carry on',
  },
  handover_wrong_carrier: {
    title: 'Wrong carrier — do not hand this one over',
    action: 'Parcel {{waybill}} goes with {{parcelCarrier}}, this batch is {{carrier}}: put it back',
    clear: 'Scan CONFIRM to carry on',
  },
  handover_already_handed_over: {
    title: 'Already handed over — not twice',
    action: 'Parcel {{waybill}} was handed over at station {{station}}: check for a duplicate label',
    clear: 'Scan CONFIRM to carry on',
  },
  handover_intercepted: {
    title: 'Order cancelled or intercepted — must not leave',
    action: 'Put parcel {{waybill}} in the {{interceptBin}} for a supervisor',
    clear: 'Scan CONFIRM to carry on',
  },
  handover_unknown_waybill: {
    title: 'Waybill not known',
    action: 'No packing record for {{waybill}}: set the parcel aside for a supervisor',
    clear: 'Scan CONFIRM to carry on',
  },
};

export const handoverVerdictsEn: Same<typeof handoverVerdictsZhCN> = {
  handover_scanned: 'Handed over',
  handover_refused: 'Not handed over',
};
