// A packing slip laid out as label elements, so the ESC/POS encoder that prints slips for labels
// (src/hardware/printer/encoders/escpos.ts) prints it too: receipt printers flow text line by line,
// so y only orders the rows; wrapping happens here, at the width the paper really prints.
import type { LabelLayout } from '../../contract/label.js';
import type { SlipModel } from '../../contract/slip.js';
import { Flow } from './flow.js';

/** Printable width of 58 mm and 80 mm receipt paper (384 and 576 dots at 203 dpi), and of an A4 page. */
export const SLIP_PRINTABLE_MM = { 58: 48, 80: 72, a4: 180 } as const;
export type SlipPaper = keyof typeof SLIP_PRINTABLE_MM;
/** Text heights: 3 mm is a receipt printer's 24-dot font, 6 mm its double size; A4 reads at arm's length. */
const SIZES: Record<SlipPaper, { body: number; big: number }> = {
  58: { body: 3, big: 6 },
  80: { body: 3, big: 6 },
  a4: { body: 4.2, big: 8 },
};
const GAP = 1;

export function layoutSlip(m: SlipModel, paper: SlipPaper): LabelLayout {
  const width = SLIP_PRINTABLE_MM[paper];
  const { body: BODY, big: BIG } = SIZES[paper];
  const f = new Flow(width, BODY, GAP);

  f.text(m.title, BIG, true);
  f.text(`${m.station.name} · ${m.dateText}`);
  f.text(`订单 ${m.orderId}`, BODY, true);
  f.rule();
  f.text(`收件人 ${m.recipient.name} ${m.recipient.phone}`);
  f.text(m.recipient.address);
  f.rule();
  for (const l of m.lines) {
    f.text(`${l.title} ×${l.qty}`, BODY, true);
    f.text(`  ${l.sku}`);
  }
  f.text(`共 ${m.lines.reduce((n, l) => n + l.qty, 0)} 件 / ${m.parcels} 箱`);
  if (m.inserts.length > 0) {
    f.rule();
    for (const i of m.inserts) f.text(`赠品/插页 ${i}`);
  }
  const notes = m.notes;
  if (notes && (notes.buyer || notes.merchant || notes.gift)) {
    f.rule();
    if (notes.gift) f.text(`礼物留言 ${notes.gift}`, BODY, true);
    if (notes.buyer) f.text(`买家备注 ${notes.buyer}`);
    if (notes.merchant) f.text(`商家备注 ${notes.merchant}`);
  }
  f.rule();
  f.text(`打包员 ${m.packer ? `${m.packer.name} (${m.packer.id})` : '-'}`);
  // The order id as a barcode: a slip found loose on the bench scans straight back to its order.
  f.place({ type: 'code128', x: 0, y: f.y, height: 10, moduleWidth: 0.25, text: m.orderId, showText: false }, 10);
  return f.page(null);
}
