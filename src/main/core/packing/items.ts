// Item verification: every unit scanned is matched to a line of the open pack.
import type { PackLine, Product } from '../../../contract/entities.js';
import type { Alert, AlertParams, ErrorAlertCode } from '../../../contract/station.js';
import { weightWindow } from '../../../domain/packing/rules.js';
import { allVerified, openParcelItems, type ActivePack, type DeskContext, type Outcome } from './context.js';
import { advance } from './machine.js';
import { insertWeightG } from './inserts.js';
import { refuseItemScan } from './multi-parcel.js';

export function raiseError<C extends ErrorAlertCode>(ctx: DeskContext, code: C, params: AlertParams[C]): void {
  // A generic code is not tied to its params by TypeScript (microsoft/TypeScript#30581): the
  // signature checks them at every call.
  ctx.rt.alert = {
    kind: 'error',
    code,
    params,
    orderId: ctx.rt.pack?.order.id ?? null,
    clearBy: 'ack',
    at: ctx.clock.now(),
  } as Alert;
}

/** A known product scanned during a pack. `qty` comes from a quantity command, else 1. */
export function scanItem(ctx: DeskContext, pack: ActivePack, product: Product): Outcome {
  const qty = ctx.rt.qty ?? 1;
  ctx.rt.qty = null;
  const direct = pack.lines.find((l) => l.productId === product.id);
  // A kit barcode on a bundle (组合商品) counts one full set of its components.
  const wanted: { line: PackLine | undefined; productId: number; qty: number }[] =
    !direct && product.components.length > 0
      ? product.components.map((c) => ({
          line: pack.lines.find((l) => l.productId === c.productId),
          productId: c.productId,
          qty: c.qty * qty,
        }))
      : [{ line: direct, productId: product.id, qty }];

  if (wanted.some((w) => !w.line)) {
    raiseError(ctx, 'wrong_item', { title: product.title, sku: product.sku, orderId: pack.order.id });
    return { verdict: 'wrong_item', sound: 'error', productId: product.id, qty };
  }
  const over = wanted.find((w) => w.line && w.line.scanned + w.qty > w.line.expected);
  if (over?.line) {
    raiseError(ctx, 'over_scan', {
      title: over.line.title,
      sku: over.line.sku,
      expected: over.line.expected,
      scanned: over.line.scanned,
      adding: over.qty,
    });
    return { verdict: 'over_scan', sound: 'error', productId: product.id, qty };
  }
  // Split rules (wechat-api-2.md §5): a SKU sealed in an earlier parcel stays there.
  const split = refuseItemScan(
    ctx,
    pack,
    wanted.map((w) => w.productId),
  );
  if (split) return { ...split, productId: product.id, qty };
  for (const w of wanted) {
    if (!w.line) continue;
    w.line.scanned += w.qty;
    ctx.stores.packs.setScanned(pack.id, w.productId, w.line.scanned);
  }
  advance(ctx, pack, 'item');
  // The open parcel is complete: wait for the scale.
  if (allVerified(pack)) advance(ctx, pack, 'parcel_ready');
  return { verdict: 'item_ok', sound: 'good', productId: product.id, qty };
}

export function parcelWindow(ctx: DeskContext, pack: ActivePack) {
  const byId = new Map(pack.lines.map((l) => [l.productId, l]));
  const itemsG = openParcelItems(pack).reduce((g, i) => g + (byId.get(i.productId)?.unitWeightG ?? 0) * i.qty, 0);
  return weightWindow(itemsG + insertWeightG(pack), pack.packaging.tareG, ctx.config.packing.weight);
}
