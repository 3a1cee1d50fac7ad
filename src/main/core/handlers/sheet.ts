// The printable barcode sheet: everything a person needs to run the desk with a real scanner.
import {
  COMMANDS,
  REASONS,
  SHEET_QUANTITIES,
  commandCode,
  packagingCode,
  reasonCode,
} from '../../../contract/commands.js';
import type { BarcodeSheet } from '../../../contract/api.js';
import { handoverSheet } from '../handover/sheet.js';
import type { Handlers } from '../dispatcher.js';
import type { StationServices } from '../services.js';

export function sheetHandlers(s: StationServices): Pick<Handlers, 'sheet.get'> {
  return {
    'sheet.get': ({ orders = 60 }): BarcodeSheet => {
      const { catalog, packers } = s.stores;
      return {
        commands: COMMANDS.map((name) => ({
          code: commandCode({ name }),
          labelKey: `command.${name}`,
          text: commandCode({ name }),
        })),
        quantities: SHEET_QUANTITIES.map((qty) => {
          const code = commandCode({ name: 'QTY', qty });
          return { code, labelKey: 'command.QTY', text: code };
        }),
        reasons: {
          hold: REASONS.hold.map((r) => ({ code: reasonCode(r), labelKey: `reason.hold.${r}`, text: reasonCode(r) })),
          override: REASONS.override.map((r) => ({
            code: reasonCode(r),
            labelKey: `reason.override.${r}`,
            text: reasonCode(r),
          })),
        },
        packaging: Object.keys(s.config().packing.packaging.catalog).map((p) => ({
          code: packagingCode(p),
          labelKey: `packaging.${p}`,
          text: packagingCode(p),
        })),
        badges: packers
          .all()
          .map((p) => ({ code: p.badge, labelKey: null, text: `${p.name} (${p.id})`, role: p.role })),
        products: catalog.list(500).map((p) => ({
          code: p.barcodes[0] ?? p.sku,
          labelKey: null,
          text: p.title,
          sku: p.sku,
          bundle: p.components.length > 0,
        })),
        orders: s.stores.orders.sheet(orders).map((o) => ({
          code: o.id,
          labelKey: null,
          text: o.name,
          status: o.status,
          flags: o.flags,
          pickSlip: o.pickSlip,
        })),
        handover: handoverSheet(s.config()),
      };
    },
  };
}
