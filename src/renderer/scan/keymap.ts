// Characters from physical key codes (US layout, which is how wedge scanners are configured).
// Used while an IME is composing: then `key` is 'Process' and only `code` tells what was pressed.
// See shared/specs/hardware.md §B.2 (Chinese IME pitfall).

const PLAIN: Record<string, string> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Backquote: '`',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Space: ' ',
  NumpadSubtract: '-',
  NumpadDivide: '/',
  NumpadDecimal: '.',
  NumpadAdd: '+',
  NumpadMultiply: '*',
};

const SHIFTED: Record<string, string> = {
  Minus: '_',
  Equal: '+',
  BracketLeft: '{',
  BracketRight: '}',
  Backslash: '|',
  Semicolon: ':',
  Quote: '"',
  Backquote: '~',
  Comma: '<',
  Period: '>',
  Slash: '?',
};

const SHIFTED_DIGITS = ')!@#$%^&*(';

export function charFromCode(code: string, shift: boolean): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return shift ? letter[1]! : letter[1]!.toLowerCase();
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return shift ? SHIFTED_DIGITS[Number(digit[1])]! : digit[1]!;
  const pad = /^Numpad([0-9])$/.exec(code);
  if (pad) return pad[1]!;
  if (shift && code in SHIFTED) return SHIFTED[code]!;
  return PLAIN[code] ?? null;
}

/** Keys that never produce a character and must not break or extend a burst. */
export const MODIFIER_KEYS: ReadonlySet<string> = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'Hyper',
  'Super',
]);
