// The printable barcode sheet: commands, reasons, packaging, badges, products and demo orders.
import type { PackerRole } from '../entities.js';

export interface SheetEntry {
  code: string;
  /** i18n key for fixed entries (commands, reasons, packaging); null for data rows. */
  labelKey: string | null;
  text: string;
}

export interface BarcodeSheet {
  commands: SheetEntry[];
  quantities: SheetEntry[];
  reasons: { hold: SheetEntry[]; override: SheetEntry[] };
  packaging: SheetEntry[];
  badges: (SheetEntry & { role: PackerRole })[];
  products: (SheetEntry & { sku: string; bundle: boolean })[];
  orders: (SheetEntry & { status: string; flags: string[]; pickSlip: string | null })[];
  /** Courier handover (交接): HND-START/-CLOSE/-EXIT, a code per carrier, the courier badges; absent from an older core. */
  handover?: SheetEntry[];
}
