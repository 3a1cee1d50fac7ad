// A strict reader for the ESC/POS subset a Packdesk slip may contain (Epson ESC/POS command
// reference; hardware.md C.3). Written from the reference, not from the encoder: an unknown command,
// an argument out of range, a text byte that is not GBK, a code-page switch (ESC t) or a national
// character set (ESC R) fails the read. It also measures each printed line in dots and decodes the
// Code 128 data (GS k m=73, with its {A {B {C code-set switches) back to text.
export interface EscposSlip {
  /** Every printed line's width in dots (Font A: 12 dots per ASCII byte, 24 per GBK character). */
  lines: { text: string; dots: number }[];
  barcodes: { text: string; dots: number; moduleDots: number; heightDots: number }[];
  qrs: { data: Uint8Array; cell: number }[];
  chineseModeAt: number;
  cuts: number;
}

function fail(at: number, why: string): never {
  throw new Error(`ESC/POS at byte ${at}: ${why}`);
}

/** Epson GS k m=73 data to text: {B/{A switch to set B/A, {C to pairs of digits, {{ is '{'. */
export function decodeEpsonCode128(data: Uint8Array): { text: string; symbols: number } {
  let set: 'A' | 'B' | 'C' | null = null;
  let text = '';
  let symbols = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i] ?? 0;
    if (b === 0x7b) {
      const next = String.fromCharCode(data[i + 1] ?? 0);
      i += 1;
      if (next === '{') {
        if (set === 'C' || set === null) throw new Error('{ outside code set A/B');
        text += '{';
      } else if (next === 'A' || next === 'B' || next === 'C') set = next;
      else throw new Error(`unsupported code 128 function {${next}`);
      symbols += 1;
      continue;
    }
    if (set === null) throw new Error('Code 128 data must open with a code set');
    if (set === 'C') {
      if (b > 99) throw new Error(`code set C value ${b} over 99`);
      text += String(b).padStart(2, '0');
    } else text += String.fromCharCode(b);
    symbols += 1;
  }
  return { text, symbols };
}

export function parseEscpos(stream: Uint8Array, printableDots: number): EscposSlip {
  const b = stream;
  const slip: EscposSlip = { lines: [], barcodes: [], qrs: [], chineseModeAt: -1, cuts: 0 };
  let magW = 1;
  let line = '';
  let dots = 0;
  let module = 3;
  let height = 162;
  let cell = 3;
  let stored: Uint8Array | null = null;
  const byte = (i: number): number => {
    if (i >= b.length) fail(i, 'command cut short');
    return b[i] ?? 0;
  };
  let i = 0;
  while (i < b.length) {
    const c = byte(i);
    if (c === 0x0a) {
      if (dots > printableDots) fail(i, `line "${line}" is ${dots} dots, paper has ${printableDots}`);
      slip.lines.push({ text: line, dots });
      line = '';
      dots = 0;
      i += 1;
    } else if (c >= 0x20 && c <= 0x7e) {
      line += String.fromCharCode(c);
      dots += 12 * magW;
      i += 1;
    } else if (c >= 0x81 && c <= 0xfe) {
      const t = byte(i + 1);
      if (slip.chineseModeAt === -1) fail(i, 'double-byte text before FS &');
      if (t < 0x40 || t > 0xfe || t === 0x7f) fail(i, `0x${c.toString(16)} 0x${t.toString(16)} is not a GBK character`);
      line += new TextDecoder('gbk').decode(Uint8Array.of(c, t));
      dots += 24 * magW;
      i += 2;
    } else if (c === 0x1b) {
      const f = byte(i + 1);
      if (f === 0x40) {
        i += 2;
        continue;
      }
      const n = byte(i + 2);
      if (f === 0x74) fail(i, `ESC t ${n}: code-page switch`);
      else if (f === 0x52) fail(i, `ESC R ${n}: national character set`);
      else if (f === 0x45 || f === 0x61 || f === 0x64) {
        if (f === 0x61 && n > 2) fail(i, `ESC a ${n}`);
        i += 3;
      } else fail(i, `unknown ESC 0x${f.toString(16)}`);
    } else if (c === 0x1c) {
      const f = byte(i + 1);
      if (f === 0x26) {
        if (slip.chineseModeAt === -1) slip.chineseModeAt = i;
        i += 2;
      } else if (f === 0x2e) fail(i, 'FS . leaves Chinese mode');
      else fail(i, `unknown FS 0x${f.toString(16)}`);
    } else if (c === 0x1d) {
      const f = byte(i + 1);
      const n = byte(i + 2);
      if (f === 0x21) {
        magW = (n >> 4) + 1;
        i += 3;
      } else if (f === 0x48 || f === 0x66) i += 3;
      else if (f === 0x77) {
        if (n < 1 || n > 6) fail(i, `GS w ${n} outside 1–6`);
        module = n;
        i += 3;
      } else if (f === 0x68) {
        if (n < 1) fail(i, 'GS h 0');
        height = n;
        i += 3;
      } else if (f === 0x6b) {
        if (n !== 73) fail(i, `GS k m=${n}: only Code 128 (73)`);
        const len = byte(i + 3);
        const data = b.subarray(i + 4, i + 4 + len);
        const { text, symbols } = decodeEpsonCode128(data);
        const width = (11 * symbols + 35) * module;
        if (width > printableDots) fail(i, `Code 128 ${text} is ${width} dots, paper has ${printableDots}`);
        slip.barcodes.push({ text, dots: width, moduleDots: module, heightDots: height });
        i += 4 + len;
      } else if (f === 0x28 && n === 0x6b) {
        const len = byte(i + 3) + 256 * byte(i + 4);
        const cn = byte(i + 5);
        const fn = byte(i + 6);
        if (cn !== 0x31) fail(i, `GS ( k cn=${cn}: only QR (49)`);
        const args = b.subarray(i + 7, i + 5 + len);
        if (fn === 0x43) cell = args[0] ?? 0;
        else if (fn === 0x50) stored = Uint8Array.from(args.subarray(1));
        else if (fn === 0x51) {
          if (stored === null) fail(i, 'QR print before store');
          slip.qrs.push({ data: stored, cell });
        } else if (fn !== 0x41 && fn !== 0x45) fail(i, `GS ( k fn=${fn}`);
        i += 5 + len;
      } else if (f === 0x56) {
        slip.cuts += 1;
        i += n === 65 || n === 66 ? 4 : 3;
      } else fail(i, `unknown GS 0x${f.toString(16)}`);
    } else fail(i, `byte 0x${c.toString(16)} is neither a command nor GBK text`);
  }
  if (line !== '') slip.lines.push({ text: line, dots });
  return slip;
}
