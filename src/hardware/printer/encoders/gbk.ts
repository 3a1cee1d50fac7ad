// Text for printers that set Chinese from a GBK font (TSPL TSS24.BF2, ESC/POS Chinese mode). A
// character GBK lacks (emoji, ®, ♥) must never reach the printer as something that makes it, or a
// driver library, change code page mid-job: from there on the rest of the address printed as
// mojibake. Such characters become a look-alike GBK has, else '?', before anything is encoded.
import iconv from 'iconv-lite';

/** Look-alikes for characters buyers and shops often type that GBK does not carry. */
const LOOK_ALIKES: Record<string, string> = {
  '®': '(R)',
  '©': '(C)',
  '™': 'TM',
  '♥': '心',
  '❤': '心',
  '♡': '心',
  '€': 'EUR',
  '\u00a0': ' ',
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
};

const cache = new Map<string, boolean>();

/** Whether GBK (code page 936, as Chinese thermal printers implement it) has this character. */
export function inGbk(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return code >= 0x20 || ch === '\n';
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  const bytes = iconv.encode(ch, 'gbk');
  // Two bytes that decode back to the same character; iconv-lite writes '?' for what it lacks, and
  // GB18030's four-byte forms (which iconv's 'gbk' never emits) are not in a printer's GBK font.
  const ok = bytes.length === 2 && iconv.decode(bytes, 'gbk') === ch;
  cache.set(ch, ok);
  return ok;
}

/** Zero-width spaces and joiners, and variation selectors: they only dress up the emoji before them. */
function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || (code >= 0xfe00 && code <= 0xfe0f);
}

/** `text` with every character GBK lacks replaced by a look-alike or '?'; control characters dropped. */
export function toGbkSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    if (inGbk(ch)) out += ch;
    else if ((ch.codePointAt(0) ?? 0) < 0x20) continue;
    else if (isInvisible(ch.codePointAt(0) ?? 0)) continue;
    else out += LOOK_ALIKES[ch] ?? '?';
  }
  return out;
}

/** GBK bytes of text already passed through toGbkSafe (ASCII stays one byte, Chinese two). */
export function gbkBytes(text: string): Buffer {
  return iconv.encode(toGbkSafe(text), 'gbk');
}
