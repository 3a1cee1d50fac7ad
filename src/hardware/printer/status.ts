// Asking a printer how it is, per language, and reading the answer (hardware.md C.1–C.3). Pure:
// the driver writes `query`, collects bytes until `complete`, and treats silence past its own
// timeout as offline: Zebras do not answer ~HS at all while out of media or with the head open (C.2).
import type { PrinterFaultReason } from '../types.js';
import type { PrinterStatusReport, StatusProtocol } from './types.js';

/**
 * When an answer reports several faults, the one the packer must act on first wins: an open head
 * or cover hides everything else, paper before ribbon because it runs out far more often, a pause
 * is a button press away, and a generic error is the least specific.
 */
const PRECEDENCE: readonly PrinterFaultReason[] = ['head_open', 'paper_out', 'ribbon_out', 'paused', 'error'];

interface Flag {
  set: boolean;
  condition: string;
  fault: PrinterFaultReason | null;
}

function report(flags: Flag[], opts: { busy?: boolean } = {}): PrinterStatusReport {
  const raised = flags.filter((f) => f.set);
  const faults = new Set(raised.map((f) => f.fault));
  const fault = PRECEDENCE.find((reason) => faults.has(reason)) ?? null;
  return { ready: fault === null && opts.busy !== true, fault, conditions: raised.map((f) => f.condition) };
}

function unreadable(what: string): PrinterStatusReport {
  return { ready: false, fault: 'error', conditions: [`unreadable status answer: ${what}`] };
}

const hex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;

/** TSPL `<ESC>!?`: one byte, answered even in an error state (TSC TSPL2 manual; Gprinter GP-2120T p.30). */
export const tsplStatus: StatusProtocol = {
  query: Uint8Array.of(0x1b, 0x21, 0x3f),
  complete: (answer) => answer.length >= 1,
  parse(answer) {
    const b = answer[0];
    if (b === undefined) return unreadable('empty');
    const bit = (n: number): boolean => (b & (1 << n)) !== 0;
    return report([
      { set: bit(0), condition: 'head open', fault: 'head_open' },
      { set: bit(1), condition: 'paper jam', fault: 'error' },
      { set: bit(2), condition: 'paper out', fault: 'paper_out' },
      { set: bit(3), condition: 'ribbon out', fault: 'ribbon_out' },
      { set: bit(4), condition: 'pause', fault: 'paused' },
      // Printing is the printer at work; it still takes jobs into its buffer.
      { set: bit(5), condition: 'printing', fault: null },
      { set: bit(6), condition: 'cover open', fault: 'head_open' },
      { set: bit(7), condition: 'temperature out of range', fault: 'error' },
    ]);
  },
};

const ETX = 0x03;

/** The STX…ETX strings of an answer, split on commas; bytes outside a frame are ignored. */
function frames(answer: Uint8Array): string[][] {
  const text = Buffer.from(answer).toString('latin1');
  // eslint-disable-next-line no-control-regex -- ZPL ~HS lines are framed by STX and ETX
  return [...text.matchAll(/\x02([^\x02\x03]*)\x03/g)].map((m) => (m[1] ?? '').split(','));
}

/**
 * ZPL `~HS`: three STX…ETX CR LF strings (ZPL II guide, ~HS).
 * String 1 `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l`: b paper out, c pause, f buffer full, j corrupt RAM,
 * k under temperature, l over temperature. String 2 `mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www`: o head up,
 * p ribbon out. String 3 is password and static RAM.
 */
export const zplStatus: StatusProtocol = {
  query: new TextEncoder().encode('~HS'),
  complete: (answer) => answer.filter((byte) => byte === ETX).length >= 3,
  parse(answer) {
    const [one, two] = frames(answer);
    if (one === undefined || two === undefined || one.length < 12 || two.length < 4)
      return unreadable(`${frames(answer).length} of 3 strings`);
    const on = (field: string | undefined): boolean => field === '1';
    return report(
      [
        { set: on(one[1]), condition: 'paper out', fault: 'paper_out' },
        { set: on(one[2]), condition: 'pause', fault: 'paused' },
        // A full receive buffer is flow control, not a fault: the printer takes more once it prints.
        { set: on(one[5]), condition: 'buffer full', fault: null },
        { set: on(one[9]), condition: 'corrupt RAM', fault: 'error' },
        { set: on(one[10]), condition: 'under temperature', fault: 'error' },
        { set: on(one[11]), condition: 'over temperature', fault: 'error' },
        { set: on(two[2]), condition: 'head open', fault: 'head_open' },
        { set: on(two[3]), condition: 'ribbon out', fault: 'ribbon_out' },
      ],
      { busy: on(one[5]) },
    );
  },
};

/** Bits 1 and 4 are always on and bits 0 and 7 always off in a DLE EOT answer (C.3: all OK = 0x12). */
const isDleEotAnswer = (byte: number): boolean => (byte & 0x93) === 0x12;

/**
 * ESC/POS real-time status. One query carries two commands, `DLE EOT 2` (offline cause) then
 * `DLE EOT 4` (paper roll sensor); each is answered at once with one byte, in order, so the
 * answer is complete at two bytes. DLE EOT 1 is left out: its only fault bit, offline, is what
 * DLE EOT 2 explains. Epson ESC/POS reference, DLE EOT (TM-L60II p.1217, TM-T88III p.304).
 */
export const escposStatus: StatusProtocol = {
  query: Uint8Array.of(0x10, 0x04, 0x02, 0x10, 0x04, 0x04),
  complete: (answer) => answer.length >= 2,
  parse(answer) {
    const offline = answer[0];
    const roll = answer[1];
    if (offline === undefined || roll === undefined) return unreadable(`${answer.length} of 2 bytes`);
    if (!isDleEotAnswer(offline) || !isDleEotAnswer(roll)) return unreadable(`${hex(offline)} ${hex(roll)}`);
    return report([
      { set: (offline & 0x04) !== 0, condition: 'cover open', fault: 'head_open' },
      { set: (offline & 0x08) !== 0, condition: 'paper fed by the feed button', fault: null },
      { set: (offline & 0x20) !== 0, condition: 'paper end', fault: 'paper_out' },
      { set: (offline & 0x40) !== 0, condition: 'error', fault: 'error' },
      // Near end (b2+b3, 0x1E) leaves paper for a few more slips: worth showing, not a fault.
      { set: (roll & 0x0c) !== 0, condition: 'paper near end', fault: null },
      { set: (roll & 0x60) !== 0 && (offline & 0x20) === 0, condition: 'paper end', fault: 'paper_out' },
    ]);
  },
};
