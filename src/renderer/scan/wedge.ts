// Keyboard-wedge scanner detection. A USB scanner "types" a barcode a few ms per key and ends it
// with Enter (or Tab); a person types at ≥ 80 ms per key. So a scan is a burst of keys, each within
// maxGapMs of the previous one, closed by a terminator that also arrives within maxGapMs.
//
// Wireless (2.4 GHz / Bluetooth) scanners send a code in radio packets and a lost or late packet
// leaves a 40–150 ms hole mid-code. The rejoin rule (README "Keyboard-wedge timing"): a burst of at
// least FRAGMENT_RUN fast keys that has not seen its terminator cannot be a whole scan (a scanner
// always ends one), so keys or the terminator arriving within rejoinMs after it are the rest of the
// same scan. Such a fragment that nothing follows within rejoinMs, or a fast burst that ends before
// minLength characters, is a misread: reported (so the packer is told to scan again and the stats
// count it) but never submitted as a code.
// Pure: feed it key events, it returns the code when a burst ends. Tested in test/renderer/wedge.test.ts.
import { InputGuard } from './input-guard.js';
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
  /** How long a pause inside one scan may last (wireless scanners); 0 turns rejoining off. */
  rejoinMs?: number;
}

/** Keys a scanner sent that make no scan: a timed-out fragment or a burst too short for any code. */
export interface WedgeMisread {
  text: string;
  reason: 'fragment' | 'short';
}

/** Fast keys in a row before a burst counts as a scanner's (a person rarely presses 3 keys < 35 ms apart). */
export const FRAGMENT_RUN = 3;
export const DEFAULT_REJOIN_MS = 150;

const GS = '\x1D';
const MODIFIER_CODE = /^(?:(?:Shift|Control|Alt|Meta|OS)(?:Left|Right)|CapsLock|NumLock)$/;

export class WedgeDetector {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly terminators: ReadonlySet<string>;
  private readonly rejoinMs: number;
  private buffer = '';
  private lastAt: number | null = null;
  /** Fast keys in a row at the end of the buffer (the first key of a burst counts as one). */
  private run = 0;
  /** The buffer holds a scanner burst (a run of FRAGMENT_RUN fast keys) that may be continued. */
  private scanner = false;
  private consumed = false;
  private misread: WedgeMisread | null = null;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 35;
    this.minLength = options.minLength ?? 4;
    this.terminators = new Set(options.terminators ?? ['Enter', 'Tab']);
    this.rejoinMs = Math.max(options.rejoinMs ?? DEFAULT_REJOIN_MS, this.maxGapMs);
  }

  /** The window after which a pending fragment is a misread: the installer arms a timer for it. */
  get rejoinWindowMs(): number {
    return this.rejoinMs;
  }

  /** A misread the last fed key (or the last timeout) revealed; null when there was none. */
  get lastMisread(): WedgeMisread | null {
    return this.misread;
  }

  /** True while keys wait for their terminator: a fragment the timeout may turn into a misread. */
  get pending(): boolean {
    return this.scanner && this.buffer.length > 0;
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
    this.misread = null;
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
    const gap = this.lastAt === null ? Infinity : e.timeStamp - this.lastAt;
    if (gap <= this.maxGapMs) {
      this.buffer += ch;
      this.run++;
      this.consumed = true;
    } else if (this.scanner && gap <= this.rejoinMs) {
      // The rest of a fragment after a wireless pause: the same scan (see the rule above).
      this.buffer += ch;
      this.run = 1;
      this.consumed = true;
    } else {
      this.dropFragment();
      this.buffer = ch;
      this.run = 1;
    }
    if (this.run >= FRAGMENT_RUN) this.scanner = true;
    this.lastAt = e.timeStamp;
    return null;
  }

  /**
   * Nothing came within rejoinMs of the last key: a scanner fragment still waiting for its
   * terminator is a misread (returned, and also readable as lastMisread). `now` on the keys' clock.
   */
  timeout(now: number): WedgeMisread | null {
    this.misread = null;
    if (this.lastAt === null || now - this.lastAt <= this.rejoinMs) return null;
    this.dropFragment();
    this.reset();
    return this.misread;
  }

  reset(): void {
    this.buffer = '';
    this.lastAt = null;
    this.run = 0;
    this.scanner = false;
  }

  private dropFragment(): void {
    if (this.scanner && this.buffer.length > 0) this.misread = { text: this.buffer, reason: 'fragment' };
  }

  private end(at: number): string | null {
    const gap = this.lastAt === null ? Infinity : at - this.lastAt;
    const inTime = gap <= this.maxGapMs || (this.scanner && gap <= this.rejoinMs);
    // A burst of fast keys (all of them) that ends in time but is too short for a code.
    const burst = this.scanner || (this.run === this.buffer.length && this.buffer.length >= 2);
    const code = this.buffer;
    if (!inTime) this.dropFragment();
    this.reset();
    if (!inTime) return null;
    if (code.length < this.minLength) {
      this.consumed = burst;
      if (burst) this.misread = { text: code, reason: 'short' };
      return null;
    }
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

export interface WedgeInstallOptions extends WedgeOptions {
  /** A scanner burst that made no scan (see WedgeMisread); the app shows it and counts it. */
  onMisread?: (misread: WedgeMisread) => void;
  /** When true (the settings screen), what a burst's first key typed into a field is undone. */
  guardInputs?: () => boolean;
}

/**
 * How long, in real time, a fragment may wait for the rest before it is a misread. Generous on
 * purpose: whether keys belong together is decided by their own timestamps (rejoinMs); this timer
 * only decides when to say "scan again" if nothing more comes, and must never fire while a slow
 * event loop is still delivering the rest of a scan.
 */
export function lonelyFragmentMs(rejoinMs: number): number {
  return Math.max(4 * rejoinMs, 600);
}

/**
 * Listens for scans on `target` (the window) in the capture phase, before any control sees the keys,
 * and swallows keys that belong to a burst so an Enter from the scanner never activates a link.
 * A fragment nothing follows within lonelyFragmentMs is reported as a misread.
 */
export function installWedge(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  onScan: (code: string) => void,
  options: WedgeInstallOptions = {},
): () => void {
  const detector = new WedgeDetector(options);
  const guard = new InputGuard();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const report = (m: WedgeMisread | null) => {
    if (m) options.onMisread?.(m);
  };
  const arm = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!detector.pending) return;
    timer = setTimeout(() => {
      timer = null;
      report(detector.timeout(Infinity));
    }, lonelyFragmentMs(detector.rejoinWindowMs));
  };
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
    if (options.guardInputs?.()) {
      // Only a character key can start a burst; Shift before a capital must not re-take the snapshot.
      if (!detector.lastKeyConsumed) {
        if (e.key.length === 1) guard.before(e.target);
      } else guard.burst();
    } else guard.clear();
    report(detector.lastMisread);
    arm();
    if (code !== null) onScan(code);
  };
  target.addEventListener('keydown', handler, { capture: true });
  return () => {
    if (timer !== null) clearTimeout(timer);
    target.removeEventListener('keydown', handler, { capture: true });
  };
}
