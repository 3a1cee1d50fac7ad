// The evidence export's zip (fflate, stored entries), read back by a reader written from the spec
// (APPNOTE 6.3): end record → central directory → local headers, with CRC-32 and sizes checked.
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zip } from '../../../src/base/node/zip.js';

function unzip(buf: Buffer): { name: string; data: Buffer; flags: number }[] {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(buf.length - 22);
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out: { name: string; data: Buffer; flags: number }[] = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const flags = buf.readUInt16LE(p + 8);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    expect(buf.readUInt16LE(local + 8)).toBe(0); // stored
    const lname = buf.readUInt16LE(local + 26);
    const extra = buf.readUInt16LE(local + 28);
    const data = buf.subarray(local + 30 + lname + extra, local + 30 + lname + extra + size);
    expect(crc32(data)).toBe(crc);
    out.push({ name, data, flags });
    p += 46 + nameLen;
  }
  return out;
}

describe('zip writer', () => {
  it('writes stored entries a reader gets back byte for byte, names in UTF-8', () => {
    const date = new Date(2026, 11, 2, 13, 5, 6);
    const files = [
      { name: 'clip-top.mp4', data: Buffer.from([0, 1, 2, 255, 254]), date },
      { name: '照片-01.jpg', data: Buffer.alloc(70_000, 7), date },
      { name: 'manifest.json', data: Buffer.from('{"a":1}'), date },
      { name: 'empty.txt', data: Buffer.alloc(0), date },
    ];
    const out = unzip(zip(files));
    expect(out.map((f) => f.name)).toEqual(files.map((f) => f.name));
    for (const [i, f] of out.entries()) {
      expect(f.data.equals(files[i]!.data)).toBe(true);
      // Bit 11 (names in UTF-8) is needed, and set, only for a name outside ASCII.
      expect(f.flags & 0x0800).toBe(/^[\x20-\x7e]*$/.test(f.name) ? 0 : 0x0800);
    }
  });

  it('refuses a name listed twice rather than dropping a file', () => {
    const date = new Date(2026, 0, 1);
    expect(() =>
      zip([
        { name: 'a.jpg', data: Buffer.alloc(1), date },
        { name: 'a.jpg', data: Buffer.alloc(2), date },
      ]),
    ).toThrow(/a\.jpg is listed twice/);
  });

  it('an empty archive is just the end record', () => {
    expect(zip([]).length).toBe(22);
  });
});
