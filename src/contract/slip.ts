// The packing slip (发货单) as data: what goes in the box on paper. src/domain/slip/layout.ts lays it
// out for 58/80 mm ESC/POS paper; the station builds it when a pack completes (src/main/core/slips).
import type { OrderNotes } from './entities.js';

export interface SlipModel {
  packId: string;
  orderId: string;
  /** Heading (config packing.slip.title) and the station that packed it. */
  title: string;
  station: { id: string; name: string };
  /** As the order came: WeChat masks name and phone already (林**, 183****2807). */
  recipient: { name: string; phone: string; address: string };
  lines: { sku: string; title: string; qty: number }[];
  notes: OrderNotes | null;
  /** Inserts put in the box (赠品/插页). */
  inserts: string[];
  packer: { id: string; name: string } | null;
  parcels: number;
  /** Epoch ms; the slip shows the station-local time in dateText. */
  packedAt: number;
  dateText: string;
}
