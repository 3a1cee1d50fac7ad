// A quantity typed at the keyboard in a stock mode (receiving 240 cartons is not 240 scans): digits
// a person types, each at least HUMAN_GAP_MS after the one before, closed by Enter. A scanner types
// its digits in a few ms each, so a fast key spoils the number and a scanned EAN never becomes a
// quantity. Pure: feed it key events, it returns the number when Enter closes a typed one.
import type { WedgeKey } from './wedge.js';

/** Faster than this between two keys is a scanner, not a person (wedge.ts reads ≥ 80 ms as typing). */
export const HUMAN_GAP_MS = 50;
export const MAX_TYPED_DIGITS = 7;

export class TypedQuantity {
  private digits = '';
  private spoiled = false;
  private lastAt: number | null = null;

  /** What has been typed so far ('' when nothing, or when a scanner's burst spoiled it). */
  get pending(): string {
    return this.spoiled ? '' : this.digits;
  }

  /** A key: returns the typed quantity when Enter closes one, else null. */
  feed(e: Pick<WedgeKey, 'key' | 'timeStamp' | 'ctrlKey' | 'altKey' | 'repeat'>): number | null {
    const fast = this.lastAt !== null && e.timeStamp - this.lastAt < HUMAN_GAP_MS;
    this.lastAt = e.timeStamp;
    if (e.ctrlKey || e.altKey || e.repeat) return null;
    if (e.key === 'Escape') return this.clear();
    if (e.key === 'Backspace') {
      this.digits = this.digits.slice(0, -1);
      return null;
    }
    if (/^[0-9]$/.test(e.key)) {
      if (fast) this.spoiled = true;
      else if (this.digits.length < MAX_TYPED_DIGITS) this.digits += e.key;
      return null;
    }
    if (e.key === 'Enter') {
      const n = !fast && !this.spoiled && this.digits !== '' ? Number(this.digits) : 0;
      this.clear();
      return n >= 1 ? n : null;
    }
    // Any other key (a letter of a scanned code) ends the number: it was not a quantity.
    if (fast || e.key.length === 1) this.clear();
    return null;
  }

  private clear(): null {
    this.digits = '';
    this.spoiled = false;
    return null;
  }
}
