// The shipping label as data, independent of any printer language. Layout (layout.ts) turns it into
// positioned elements; printer encoders (src/hardware) and the UI preview both draw that layout.

export interface LabelParty {
  name: string;
  phone: string;
  address: string;
}

export interface LabelModel {
  labelId: string;
  parcelId: string;
  orderId: string;
  parcelNo: number;
  carrier: { code: string; name: string };
  waybill: string;
  recipient: LabelParty;
  sender: LabelParty;
  /** e.g. "蓝牙耳机×2 / 数据线×1" — shortened to fit the label. */
  itemSummary: string;
  units: number;
  weightG: number;
  packaging: string;
  station: { id: string; name: string };
  packer: { id: string; name: string };
  /** Epoch ms; the label shows the station-local date. */
  printedAt: number;
  dateText: string;
  reprint: boolean;
  remark: string;
  /**
   * 三段码 / 大头笔: the carrier's sorting code printed large at the top of a 一联单, when the carrier
   * supplied one with the waybill (e.g. "571-ZX 25-02"). Optional: labels built before it existed have none.
   */
  sortCode?: string;
  /** 集包地: the hub the parcel is bagged for, printed under the sorting code. */
  bagAddr?: string;
  /** Free text for the 自定义区 at the bottom of the label (merchant note, handling text). */
  customArea?: string;
  /**
   * The pack's parcel count when it was known as the label was made (boxes declared with CMD-SPLIT):
   * WeChat's print component prints it as the n/N counter of a 子母单's parent. Absent: not known.
   */
  parcelCount?: number;
}

export const LABEL_SIZES = [
  { widthMm: 100, heightMm: 180 },
  { widthMm: 76, heightMm: 130 },
  { widthMm: 100, heightMm: 150 },
] as const;

export interface LabelSize {
  widthMm: number;
  heightMm: number;
}

/** Everything a printer or a preview needs: positions in millimetres from the top-left corner. */
export type LabelElement =
  | { type: 'text'; x: number; y: number; size: number; text: string; bold?: boolean; maxWidth?: number }
  | { type: 'code128'; x: number; y: number; height: number; moduleWidth: number; text: string; showText: boolean }
  | { type: 'qr'; x: number; y: number; size: number; text: string }
  | { type: 'line'; x: number; y: number; width: number; height: number }
  | { type: 'box'; x: number; y: number; width: number; height: number; thickness: number };

export interface LabelLayout {
  widthMm: number;
  heightMm: number;
  elements: LabelElement[];
}
