// Command, reason and packaging barcodes: everything at the desk is operable by scanner alone.
// Codes use only A–Z, 0–9 and '-', which every keyboard-wedge layout and Code 128 carry safely.

export const COMMAND_PREFIX = 'CMD-';
export const REASON_PREFIX = 'RSN-';
export const PACKAGING_PREFIX = 'PKG-';

export const COMMANDS = [
  'ACK',
  'CANCEL',
  'REPRINT',
  'HOLD',
  'OVERRIDE',
  'NEXT',
  'LOGOUT',
  'SPLIT',
  'OK',
  'MERGE',
  // Stock modes at the desk (issue 13 §3): enter receiving / count / returns, finish, undo a scan,
  // and a returned item's condition.
  'RECEIVE',
  'COUNT',
  'RETURN',
  'FINISH',
  'UNDO',
  'GOOD',
  'DAMAGED',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export type Command = { name: CommandName } | { name: 'QTY'; qty: number };

/** Quantities printed on the command sheet; any CMD-QTY-n with 2 ≤ n ≤ 999 is accepted. */
export const SHEET_QUANTITIES = [2, 3, 4, 5, 6, 10, 12, 20, 24] as const;
export const MAX_QTY = 999;

export const REASON_PURPOSES = ['hold', 'override'] as const;
export type ReasonPurpose = (typeof REASON_PURPOSES)[number];

export const REASONS: Record<ReasonPurpose, readonly string[]> = {
  hold: ['STOCK-SHORT', 'DAMAGED', 'ADDRESS', 'CUSTOMER', 'OTHER'],
  override: ['PACKAGING-HEAVY', 'WEIGHT-DATA', 'SUPERVISOR-CHECKED', 'SCALE-DRIFT'],
};

export function commandCode(c: Command): string {
  return c.name === 'QTY' ? `${COMMAND_PREFIX}QTY-${c.qty}` : `${COMMAND_PREFIX}${c.name}`;
}

export function reasonCode(reason: string): string {
  return `${REASON_PREFIX}${reason}`;
}

export function packagingCode(packaging: string): string {
  return `${PACKAGING_PREFIX}${packaging}`;
}

/** Parses a normalized scan as a command; null when it is not one. Unknown CMD- codes are `invalid`. */
export function parseCommand(code: string): Command | { name: 'INVALID'; text: string } | null {
  const upper = code.toUpperCase();
  if (!upper.startsWith(COMMAND_PREFIX)) return null;
  const body = upper.slice(COMMAND_PREFIX.length);
  const qty = /^QTY-(\d{1,3})$/.exec(body);
  if (qty) {
    const n = Number(qty[1]);
    return n >= 2 && n <= MAX_QTY ? { name: 'QTY', qty: n } : { name: 'INVALID', text: code };
  }
  return (COMMANDS as readonly string[]).includes(body)
    ? { name: body as CommandName }
    : { name: 'INVALID', text: code };
}

/** A reason code's purpose and name, or null when the scan is not a known reason code. */
export function parseReason(code: string): { purpose: ReasonPurpose; reason: string } | null {
  const upper = code.toUpperCase();
  if (!upper.startsWith(REASON_PREFIX)) return null;
  const reason = upper.slice(REASON_PREFIX.length);
  for (const purpose of REASON_PURPOSES) {
    if (REASONS[purpose].includes(reason)) return { purpose, reason };
  }
  return null;
}

export function parsePackaging(code: string): string | null {
  const upper = code.toUpperCase();
  return upper.startsWith(PACKAGING_PREFIX) ? upper.slice(PACKAGING_PREFIX.length) : null;
}
