// The 交接单 (courier handover sheet) laid out as label elements, so the same encoders print it on the
// ESC/POS slip printer (one long receipt) or on the label printer (as many labels as the list needs,
// each headed with the batch and its page). The batch id as a QR code: the sheet scans back to it.
import type { LabelLayout } from '../../contract/label.js';
import { Flow } from '../slip/flow.js';

export interface HandoverSlip {
  batchId: string;
  title: string;
  station: { id: string; name: string };
  carrier: string;
  carrierName: string;
  courier: string | null;
  packer: { id: string; name: string } | null;
  openedText: string;
  closedText: string;
  count: number;
  /** In scan order. */
  waybills: string[];
  /** Packed for this carrier today and not handed over (as the desk knew at closing). */
  missing: number;
}

/** Where it prints: a receipt roll (height grows) or label stock of a fixed height. */
export interface HandoverPaper {
  widthMm: number;
  /** null: a receipt, one page however long. */
  heightMm: number | null;
}

const BODY = 3;
const BIG = 6;
const GAP = 1;
const QR_MM = 20;

/** The 交接单 as one layout per page (a receipt is always one page). */
export function layoutHandoverSlip(m: HandoverSlip, paper: HandoverPaper): LabelLayout[] {
  const width = paper.widthMm;
  const pages: LabelLayout[] = [];
  const f = new Flow(width, BODY, GAP);
  // A QR code: the batch id (a 36-character UUID) as Code 128 is wider than a 58/80 mm receipt prints.
  const barcode = (): void => {
    f.place({ type: 'qr', x: 0, y: f.y, size: QR_MM, text: m.batchId }, QR_MM);
    f.text(m.batchId);
  };
  const newPage = (): void => {
    pages.push(f.page(paper.heightMm));
    f.text(`${m.title} ${m.carrierName} (${pages.length + 1})`, BODY, true);
    f.text(`交接批次 ${m.batchId}`);
    f.rule();
  };
  // Room left on a label page for `mm` more; a receipt always has room.
  const fits = (mm: number): boolean => paper.heightMm === null || f.y + mm <= paper.heightMm;

  f.text(m.title, BIG, true);
  f.text(`${m.station.name} · ${m.closedText}`);
  f.rule();
  f.text(`快递公司 ${m.carrierName} (${m.carrier})`, BODY, true);
  f.text(`快递员 ${m.courier ?? '-'}`);
  f.text(`交接人 ${m.packer ? `${m.packer.name} (${m.packer.id})` : '-'}`);
  f.text(`开始 ${m.openedText}  结束 ${m.closedText}`);
  f.text(`交接 ${m.count} 件  未交接 ${m.missing} 件`, BODY, true);
  barcode();
  f.rule();
  m.waybills.forEach((w, i) => {
    if (!fits(BODY + GAP)) newPage();
    f.text(`${String(i + 1).padStart(3, ' ')}. ${w}`);
  });
  if (!fits((BODY + GAP) * 3)) newPage();
  f.rule();
  f.text(`共 ${m.count} 件`, BODY, true);
  f.text('快递员签字 ____________');
  pages.push(f.page(paper.heightMm));
  return pages;
}
