// Keyboard-wedge scanner detection. A USB scanner "types" a barcode a few ms per key and ends it
// with Enter (or Tab); a person types at ≥ 80 ms per key. So a scan is a burst of keys, each within
// maxGapMs of the previous one, closed by a terminator that also arrives within maxGapMs.
// Pure: feed it key events, it returns the code when a burst ends. Tested in test/renderer/wedge.test.ts.
import { charFromCode, MODIFIER_KEYS } from './keymap.js';

export interface WedgeKey {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  isComposing: boolean;
  timeStamp: number;
  keyCode?: number;
  repeat?: boolean;
}

export interface WedgeOptions {
  maxGapMs?: number;
  minLength?: number;
  terminators?: string[];
}

const GS = '\x1D';
const MODIFIER_CODE = /^(?:(?:Shift|Control|Alt|Meta|OS)(?:Left|Right)|CapsLock|NumLock)$/;

export class WedgeDetector {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly terminators: ReadonlySet<string>;
  private buffer = '';
  private lastAt: number | null = null;
  private consumed = false;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 35;
    this.minLength = options.minLength ?? 4;
    this.terminators = new Set(options.terminators ?? ['Enter', 'Tab']);
  }

  /**
   * True when the last fed key belongs to a scan burst (a continuation key or the terminator that
   * completed a scan): the installer swallows such keys so they do not reach focused controls.
   * The first key of a burst cannot be known as such and is never swallowed.
   */
  get lastKeyConsumed(): boolean {
    return this.consumed;
  }

  feed(e: WedgeKey): string | null {
    this.consumed = false;
    const composing = e.isComposing || e.key === 'Process' || e.keyCode === 229;
    // Shift arrives before every upper-case letter a scanner sends; it is neither a gap nor a char.
    // Under an IME its key may read 'Process', so the physical code is checked too.
    if (MODIFIER_KEYS.has(e.key) || MODIFIER_CODE.test(e.code)) return null;

    const terminator = this.terminatorOf(e, composing);
    if (terminator !== null) return this.end(e.timeStamp);

    const ch = e.repeat ? null : this.charOf(e, composing);
    if (ch === null) {
      // Arrows, Escape, function keys, shortcuts, auto-repeat: nothing a scanner sends mid-code.
      this.reset();
      return null;
    }
    const continues = this.lastAt !== null && e.timeStamp - this.lastAt <= this.maxGapMs;
    if (continues) {
      this.buffer += ch;
      this.consumed = true;
    } else {
      this.buffer = ch;
    }
    this.lastAt = e.timeStamp;
    return null;
  }

  reset(): void {
    this.buffer = '';
    this.lastAt = null;
  }

  private end(at: number): string | null {
    const inTime = this.lastAt !== null && at - this.lastAt <= this.maxGapMs;
    const code = this.buffer;
    this.reset();
    if (!inTime || code.length < this.minLength) return null;
    this.consumed = true;
    return code;
  }

  private terminatorOf(e: WedgeKey, composing: boolean): string | null {
    if (e.ctrlKey || e.altKey) return null;
    if (this.terminators.has(e.key)) return e.key;
    if (composing) {
      const fromCode = e.code === 'NumpadEnter' ? 'Enter' : e.code;
      if (this.terminators.has(fromCode)) return fromCode;
    }
    return null;
  }

  private charOf(e: WedgeKey, composing: boolean): string | null {
    // GS1 FNC1 separators: scanners send GS as Ctrl+] (ASCII 0x1D), Chromium may name it GroupSeparator.
    if (e.key === 'GroupSeparator' || e.key === GS) return GS;
    if (e.ctrlKey && !e.altKey && (e.code === 'BracketRight' || e.key === ']')) return GS;
    if (e.ctrlKey || e.altKey) return null;
    if (composing) return charFromCode(e.code, e.shiftKey);
    return e.key.length === 1 ? e.key : null;
  }
}

/**
 * Listens for scans on `target` (the window) in the capture phase, before any control sees the keys,
 * and swallows keys that belong to a burst so an Enter from the scanner never activates a link.
 */
export function installWedge(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  onScan: (code: string) => void,
  options: WedgeOptions = {},
): () => void {
  const detector = new WedgeDetector(options);
  const handler = (event: Event): void => {
    const e = event as KeyboardEvent;
    const code = detector.feed({
      key: e.key,
      code: e.code,
      shiftKey: e.shiftKey,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      isComposing: e.isComposing,
      timeStamp: e.timeStamp,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- 229 is how Chromium marks a key the IME is composing
      keyCode: e.keyCode,
      repeat: e.repeat,
    });
    if (detector.lastKeyConsumed) e.preventDefault();
    if (code !== null) onScan(code);
  };
  target.addEventListener('keydown', handler, { capture: true });
  return () => target.removeEventListener('keydown', handler, { capture: true });
}
