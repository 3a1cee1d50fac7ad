// Command, reason, packaging and badge scans: the desk is run by scanner alone.
import type { Command } from '../../../contract/commands.js';
import type { Packer } from '../../../contract/entities.js';
import { notice, packerId, type DeskContext, type Outcome } from './context.js';
import { advance } from './machine.js';
import { startPack } from './orders.js';
import { accepts } from './transitions.js';
import { acceptWeight } from './weighing.js';
import { reprintLast } from '../labels/reprint.js';
import { confirmInsertByCommand } from './inserts.js';
import { refuseNextParcel, runSplit } from './multi-parcel.js';
import { runMerge } from './merge.js';
import { enterStockMode } from '../stock/session.js';

const ok = (detail: string): Outcome => ({ verdict: 'command', sound: 'good', detail });
const rejected = (
  ctx: DeskContext,
  detail: string,
  code: 'command_not_now' | 'finish_pack_first' = 'command_not_now',
): Outcome => {
  notice(ctx, 'warn', code, { command: detail });
  return { verdict: 'command_rejected', sound: 'error', detail };
};

export function runCommand(ctx: DeskContext, cmd: Command): Outcome {
  const { rt } = ctx;
  const pack = rt.pack;
  switch (cmd.name) {
    case 'ACK':
      return acknowledge(ctx);
    case 'CANCEL': {
      if (rt.supervisor && !pack && !rt.alert) {
        rt.supervisor = null;
        return ok('CANCEL');
      }
      if (rt.prompt) {
        rt.prompt = null;
        return ok('CANCEL');
      }
      if (pack && accepts(pack.state, 'cancel')) {
        if (rt.alert) ackEvent(ctx);
        rt.alert = null;
        advance(ctx, pack, 'cancel', { cancel: 'command' });
        return ok('CANCEL');
      }
      if (rt.alert?.kind === 'intercept') return acknowledge(ctx);
      return rejected(ctx, 'CANCEL');
    }
    case 'REPRINT':
      if (rt.alert) return rejected(ctx, 'REPRINT');
      // reprintLast leaves its own notice (nothing_to_reprint) when there is nothing to print.
      return reprintLast(ctx) ? ok('REPRINT') : { verdict: 'command_rejected', sound: 'error', detail: 'REPRINT' };
    case 'HOLD':
      if (!pack || rt.alert?.kind === 'error' || !accepts(pack.state, 'hold')) return rejected(ctx, 'HOLD');
      rt.prompt = { kind: 'reason', purpose: 'hold', supervisorId: null };
      return ok('HOLD');
    case 'OVERRIDE':
      if (rt.alert?.code !== 'weight_out_of_tolerance') return rejected(ctx, 'OVERRIDE');
      rt.prompt = { kind: 'supervisor', purpose: 'override' };
      return ok('OVERRIDE');
    case 'NEXT': {
      if (!pack || !accepts(pack.state, 'next') || rt.alert) return rejected(ctx, 'NEXT');
      const inParcel = pack.lines.reduce((n, l) => n + l.scanned - (pack.parceled.get(l.productId) ?? 0), 0);
      if (inParcel === 0) {
        notice(ctx, 'warn', 'next_parcel_empty');
        return { verdict: 'command_rejected', sound: 'error', detail: 'NEXT' };
      }
      const split = refuseNextParcel(ctx, pack);
      if (split) return split;
      advance(ctx, pack, 'next');
      return ok('NEXT');
    }
    case 'SPLIT':
      return runSplit(ctx);
    case 'MERGE':
      return runMerge(ctx);
    case 'OK': {
      // Confirms an insert without a barcode (a flyer, a hand-written card): see inserts.ts.
      const confirmed = !rt.alert && pack && accepts(pack.state, 'item') ? confirmInsertByCommand(ctx, pack) : null;
      return confirmed ?? rejected(ctx, 'OK');
    }
    case 'LOGOUT':
      if (pack) return rejected(ctx, 'LOGOUT', 'finish_pack_first');
      if (!rt.packer) return rejected(ctx, 'LOGOUT');
      logout(ctx);
      return { verdict: 'logout', sound: 'good' };
    case 'RECEIVE':
      return enterStockMode(ctx, 'receiving', cmd.name);
    case 'COUNT':
      return enterStockMode(ctx, 'count', cmd.name);
    case 'RETURN':
      return enterStockMode(ctx, 'returns', cmd.name);
    // Only a stock session (stock/route.ts) takes these; it routes every scan while one is open.
    case 'FINISH':
    case 'UNDO':
    case 'GOOD':
    case 'DAMAGED':
      return rejected(ctx, cmd.name);
    case 'QTY':
      if (!pack || !accepts(pack.state, 'qty') || rt.alert) return rejected(ctx, `QTY-${cmd.qty}`);
      rt.qty = cmd.qty;
      notice(ctx, 'info', 'qty_set', { qty: cmd.qty });
      return ok(`QTY-${cmd.qty}`);
  }
}

function ackEvent(ctx: DeskContext): void {
  const a = ctx.rt.alert;
  if (!a) return;
  ctx.stores.outbox.append(
    'alert.acknowledged',
    { code: a.code, orderId: a.orderId, packId: ctx.rt.pack?.id ?? null },
    packerId(ctx),
  );
}

function acknowledge(ctx: DeskContext): Outcome {
  const { rt } = ctx;
  const alert = rt.alert;
  if (!alert) return rejected(ctx, 'ACK');
  if (alert.clearBy === 'supervisor') {
    notice(ctx, 'warn', 'supervisor_required');
    return { verdict: 'command_rejected', sound: 'error', detail: 'ACK' };
  }
  ackEvent(ctx);
  rt.alert = null;
  rt.prompt = null;
  // An intercept raised on the order being packed (cancelled or changed upstream) ends the pack.
  if (alert.kind === 'intercept' && rt.pack && alert.orderId === rt.pack.order.id) {
    advance(ctx, rt.pack, 'cancel', {
      cancel: alert.code === 'order_cancelled' ? 'order_cancelled' : 'order_changed',
    });
  }
  notice(ctx, 'info', 'alert_acknowledged', { code: alert.code });
  return ok('ACK');
}

export function runReason(ctx: DeskContext, purpose: 'hold' | 'override', reason: string): Outcome {
  const { rt } = ctx;
  const prompt = rt.prompt;
  if (prompt?.kind !== 'reason' || prompt.purpose !== purpose) {
    notice(ctx, 'warn', 'reason_not_now', { reason });
    return { verdict: 'command_rejected', sound: 'error', detail: reason };
  }
  rt.prompt = null;
  const pack = rt.pack;
  if (!pack) return { verdict: 'command_rejected', sound: 'error', detail: reason };
  if (purpose === 'hold') {
    if (rt.alert) ackEvent(ctx);
    rt.alert = null;
    advance(ctx, pack, 'hold', { hold: reason });
    return { verdict: 'reason', sound: 'good', detail: `hold:${reason}` };
  }
  const supervisorId = prompt.supervisorId ?? '';
  const grams = pack.measuredG ?? 0;
  rt.alert = null;
  acceptWeight(ctx, pack, grams, { supervisorId, reason });
  notice(ctx, 'success', 'override_recorded', { supervisor: supervisorId, reason });
  return { verdict: 'reason', sound: 'good', detail: `override:${reason}` };
}

export function runPackaging(ctx: DeskContext, code: string): Outcome {
  const pack = ctx.rt.pack;
  const entry = ctx.config.packing.packaging.catalog[code];
  if (!entry) {
    notice(ctx, 'warn', 'unknown_packaging', { code });
    return { verdict: 'command_rejected', sound: 'error', detail: code };
  }
  if (!pack || ctx.rt.alert || !accepts(pack.state, 'packaging')) {
    notice(ctx, 'warn', 'command_not_now', { command: code });
    return { verdict: 'command_rejected', sound: 'error', detail: code };
  }
  pack.packaging = { code, tareG: entry.tareG };
  advance(ctx, pack, 'packaging');
  notice(ctx, 'info', 'packaging_set', { code });
  return { verdict: 'packaging', sound: 'good', detail: code };
}

export function runBadge(ctx: DeskContext, badge: Packer): Outcome {
  const { rt } = ctx;
  const alert = rt.alert;
  if (badge.role === 'supervisor' && alert) return supervisorOnAlert(ctx, badge);
  if (badge.role === 'supervisor' && rt.prompt?.kind === 'supervisor') return supervisorOnAlert(ctx, badge);
  if (rt.prompt?.kind === 'supervisor') {
    notice(ctx, 'warn', 'not_supervisor', { name: badge.name });
    return { verdict: 'blocked', sound: 'error', detail: 'badge' };
  }
  if (alert) return { verdict: 'blocked', sound: 'error', detail: 'badge' };
  if (rt.pack) {
    if (rt.packer?.id === badge.id) return { verdict: 'login', sound: 'none', detail: 'same' };
    return rejected(ctx, 'BADGE', 'finish_pack_first');
  }
  if (rt.packer?.id === badge.id) {
    logout(ctx);
    return { verdict: 'logout', sound: 'good' };
  }
  // A supervisor's badge at a desk where someone else is packing opens (or closes) the supervisor
  // view; with nobody logged in it logs the supervisor in to pack.
  if (badge.role === 'supervisor' && rt.packer) {
    rt.supervisor = rt.supervisor?.id === badge.id ? null : badge;
    notice(ctx, 'info', rt.supervisor ? 'supervisor_view' : 'supervisor_view_closed', { name: badge.name });
    return { verdict: 'supervisor', sound: 'good', detail: rt.supervisor ? 'view' : 'view-closed' };
  }
  if (rt.packer) logout(ctx);
  rt.packer = badge;
  ctx.stores.outbox.append('packer.login', { packerId: badge.id, role: badge.role }, badge.id);
  notice(ctx, 'success', 'logged_in', { name: badge.name });
  return { verdict: 'login', sound: 'good' };
}

function supervisorOnAlert(ctx: DeskContext, supervisor: Packer): Outcome {
  const { rt } = ctx;
  const alert = rt.alert;
  if (alert?.code === 'weight_out_of_tolerance') {
    rt.prompt = { kind: 'reason', purpose: 'override', supervisorId: supervisor.id };
    return { verdict: 'supervisor', sound: 'good', detail: 'override' };
  }
  if (alert?.clearBy === 'ack_or_supervisor' && alert.orderId && !rt.pack) {
    const order = ctx.stores.orders.get(alert.orderId);
    if (!order) return { verdict: 'blocked', sound: 'error' };
    if (!rt.packer) {
      notice(ctx, 'warn', 'login_required');
      return { verdict: 'login_required', sound: 'error' };
    }
    const was = order.status === 'held' ? 'held' : 'flagged';
    ctx.stores.outbox.append('order.released', { orderId: order.id, supervisorId: supervisor.id, was }, packerId(ctx));
    ctx.stores.orders.setFlags(order.id, []);
    ctx.stores.orders.setStatus(order.id, 'open');
    rt.alert = null;
    const released = { ...order, status: 'open' as const, flags: [], holdReason: null };
    const outcome = startPack(ctx, released);
    notice(ctx, 'success', 'order_released', { orderId: order.id, supervisor: supervisor.name });
    return { ...outcome, verdict: 'supervisor', detail: `release:${was}` };
  }
  notice(ctx, 'warn', 'command_not_now', { command: 'SUPERVISOR' });
  return { verdict: 'blocked', sound: 'error', detail: 'supervisor' };
}

export function logout(ctx: DeskContext): void {
  const p = ctx.rt.packer;
  if (!p) return;
  ctx.stores.outbox.append('packer.logout', { packerId: p.id }, p.id);
  ctx.rt.packer = null;
  notice(ctx, 'info', 'logged_out', { name: p.name });
}
