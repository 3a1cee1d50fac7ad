// Handover mode (交接) at the desk: HND-START enters it, HND-EXIT leaves it; in it, a courier badge
// or HND-CARRIER-xx opens the batch, each waybill scanned is checked and added, HND-CLOSE closes the
// batch (交接单 queued for print, missing list kept). Every change goes out through the outbox in the
// scan's own transaction, so a desk offline hands over the same way and the hub hears it once.
import { parseCommand } from '../../../contract/commands.js';
import { parseHandoverCommand, type HandoverCommand } from '../../../contract/handover.js';
import type { Alert } from '../../../contract/station.js';
import { matchWaybill, type NormalizedScan } from '../../../domain/barcode/index.js';
import { newId } from '../../../base/ids.js';
import { notice, packerId, type DeskContext, type Outcome } from '../packing/context.js';
import { runBadge, runCommand } from '../packing/commands.js';
import { HandoverStore } from '../store/handovers.js';
import { checkWaybill, type HandoverCheck } from './checks.js';
import { closeBatch, MAX_LIST } from './close.js';

const MODE_KEY = 'handoverMode';

export function inHandoverMode(ctx: DeskContext): boolean {
  return ctx.stores.desk.get<boolean>(MODE_KEY) === true;
}

const refused = (detail: string): Outcome => ({ verdict: 'command_rejected', sound: 'error', detail });

/**
 * The scan's outcome when handover mode takes it (the mode is on, or the scan is a HND- code);
 * null leaves it to packing.
 */
export function routeHandover(ctx: DeskContext, scan: NormalizedScan): Outcome | null {
  const text = scan.text;
  const cmd = parseHandoverCommand(text);
  const on = inHandoverMode(ctx);
  if (!on) return cmd ? enter(ctx, cmd) : null;
  const store = new HandoverStore(ctx.db);
  if (cmd) return runHandoverCommand(ctx, store, cmd);

  // The packing commands that mean something here: CMD-ACK clears a red alert; the rest wait.
  const packing = parseCommand(text);
  if (packing) {
    if (packing.name === 'ACK') return runCommand(ctx, packing);
    notice(ctx, 'warn', 'command_not_now', { command: text });
    return refused(text);
  }
  const packer = ctx.stores.packers.findByBadge(text);
  if (packer) return runBadge(ctx, packer);
  const courierCarrier = courierOf(ctx, text);
  if (courierCarrier) return chooseCarrier(ctx, store, courierCarrier, text);

  if (ctx.rt.alert) return { verdict: 'blocked', sound: 'error', detail: ctx.rt.alert.code };
  if (!ctx.rt.packer && ctx.config.packing.requireLogin) {
    notice(ctx, 'warn', 'login_required');
    return { verdict: 'login_required', sound: 'error' };
  }
  return scanWaybill(ctx, store, matchWaybill(text)?.waybill ?? text.toUpperCase());
}

function enter(ctx: DeskContext, cmd: HandoverCommand): Outcome {
  if (cmd.name !== 'start') {
    notice(ctx, 'warn', 'command_not_now', {
      command: cmd.name === 'invalid' ? 'HND' : `HND-${cmd.name.toUpperCase()}`,
    });
    return refused(cmd.name);
  }
  if (ctx.rt.pack) {
    notice(ctx, 'warn', 'finish_pack_first', { command: 'HND-START' });
    return refused('HND-START');
  }
  if (ctx.rt.alert) return { verdict: 'blocked', sound: 'error', detail: ctx.rt.alert.code };
  ctx.stores.desk.set(MODE_KEY, true);
  ctx.rt.supervisor = null;
  notice(ctx, 'info', 'handover_mode');
  return { verdict: 'command', sound: 'good', detail: 'HND-START' };
}

function runHandoverCommand(ctx: DeskContext, store: HandoverStore, cmd: HandoverCommand): Outcome {
  if (ctx.rt.alert) return { verdict: 'blocked', sound: 'error', detail: ctx.rt.alert.code };
  switch (cmd.name) {
    case 'start':
      notice(ctx, 'info', 'handover_mode');
      return { verdict: 'command', sound: 'none', detail: 'HND-START' };
    case 'exit': {
      const open = store.open();
      const count = open ? store.scans(open.batchId).length : 0;
      if (open && count > 0) {
        notice(ctx, 'warn', 'handover_close_first', { count });
        return refused('HND-EXIT');
      }
      if (open) store.drop(open.batchId);
      ctx.stores.desk.set(MODE_KEY, null);
      notice(ctx, 'info', 'handover_mode_left');
      return { verdict: 'command', sound: 'good', detail: 'HND-EXIT' };
    }
    case 'carrier':
      return chooseCarrier(ctx, store, cmd.carrier, null);
    case 'close':
      return closeBatch(ctx, store);
    case 'invalid':
      notice(ctx, 'warn', 'unknown_command', { code: 'HND' });
      return refused('HND');
  }
}

function courierOf(ctx: DeskContext, code: string): string | null {
  const couriers = ctx.config.handover.couriers;
  return couriers[code] ?? couriers[code.toUpperCase()] ?? null;
}

/** A courier's badge or a carrier barcode: opens the batch, or re-targets it while it is still empty. */
function chooseCarrier(ctx: DeskContext, store: HandoverStore, carrier: string, courier: string | null): Outcome {
  const detail = courier ?? `HND-CARRIER-${carrier}`;
  if (ctx.rt.alert) return { verdict: 'blocked', sound: 'error', detail: ctx.rt.alert.code };
  const known = ctx.config.packing.carriers.names;
  if (Object.keys(known).length > 0 && !(carrier in known)) {
    notice(ctx, 'warn', 'handover_unknown_carrier', { carrier });
    return refused(detail);
  }
  const open = store.open();
  if (open) {
    const count = store.scans(open.batchId).length;
    if (count > 0 && (open.carrier !== carrier || (courier !== null && open.courier !== courier))) {
      notice(ctx, 'warn', 'handover_close_first', { count });
      return refused(detail);
    }
    store.setCarrier(open.batchId, carrier, courier ?? open.courier);
  } else {
    const at = ctx.clock.now();
    store.openBatch({ batchId: newId(at), carrier, courier, packerId: packerId(ctx), at });
  }
  notice(ctx, 'info', 'handover_carrier', { carrier, courier: courier ?? '' });
  return { verdict: 'command', sound: 'good', detail };
}

/** A refused waybill: a red alert, cleared by CMD-ACK; the parcel is not added. */
function raise(ctx: DeskContext, refusal: Omit<Extract<HandoverCheck, { ok: false }>, 'ok'>): Outcome {
  const { code, params, orderId } = refusal;
  // The union of codes is not tied to its params by TypeScript (microsoft/TypeScript#30581).
  ctx.rt.alert = { kind: 'error', code, params, orderId, clearBy: 'ack', at: ctx.clock.now() } as Alert;
  return { verdict: 'handover_refused', sound: 'error', detail: code };
}

function scanWaybill(ctx: DeskContext, store: HandoverStore, waybill: string): Outcome {
  const open = store.open();
  if (!open?.carrier) return raise(ctx, { code: 'handover_no_carrier', params: { waybill }, orderId: null });
  const inBatch = store.scans(open.batchId).length;
  if (inBatch >= MAX_LIST) {
    notice(ctx, 'warn', 'handover_close_first', { count: inBatch });
    return refused(waybill);
  }
  const check = checkWaybill(store, ctx.stationId, open.carrier, waybill);
  if (!check.ok) return raise(ctx, { code: check.code, params: check.params, orderId: check.orderId });
  const at = ctx.clock.now();
  store.addScan({
    waybill,
    batchId: open.batchId,
    carrier: open.carrier,
    orderId: check.orderId,
    parcelId: check.parcelId,
    at,
  });
  ctx.stores.outbox.append(
    'handover.scanned',
    { batchId: open.batchId, carrier: open.carrier, waybill, orderId: check.orderId, parcelId: check.parcelId },
    packerId(ctx),
    at,
  );
  notice(ctx, 'success', 'handover_scanned', { waybill, count: store.scans(open.batchId).length });
  return { verdict: 'handover_scanned', sound: 'good', detail: waybill };
}
