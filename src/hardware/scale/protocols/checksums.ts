// The two check schemes the spec's frames use (hardware.md A.3, A.5, A.6).

/** XOR of bytes[from..to). Yaohua A9/A12 and CAS check blocks. */
export function xorOf(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i] ?? 0;
  return x;
}

/** Yaohua's nibble-ASCII: 0–9 → '0'–'9', 10–15 → 'A'–'F' (A.5: "'A'+(n-10), i.e. +0x37"). */
export function nibbleAscii(n: number): number {
  return n <= 9 ? 0x30 + n : 0x37 + n;
}

/** The two check characters (high nibble first) for the XOR of bytes[from..to). */
export function xorCheckChars(bytes: Uint8Array, from: number, to: number): [number, number] {
  const x = xorOf(bytes, from, to);
  return [nibbleAscii(x >> 4), nibbleAscii(x & 0x0f)];
}

/** Sum of the low 7 bits of bytes[from..to), mod 128 (Toledo continuous, A.3). */
export function sum7(bytes: Uint8Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (bytes[i] ?? 0) & 0x7f;
  return s & 0x7f;
}

/** Toledo CHK: two's complement of the 7-bit sum, so the whole frame sums to 0 mod 128 (A.3). */
export function toledoCheck(bytes: Uint8Array, from: number, to: number): number {
  return (0x80 - sum7(bytes, from, to)) & 0x7f;
}
