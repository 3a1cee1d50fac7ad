// Guessing the character set of an uploaded CSV. Excel on a Chinese Windows saves "CSV (逗号分隔)"
// in the ANSI code page, which is GBK (CP936); "CSV UTF-8" adds a BOM; exports from the live
// platforms' web back ends are plain UTF-8. Nothing in the file says which, so we look at the bytes.
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

const BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    // Chinese text in GBK is almost never valid UTF-8 (its lead bytes 0x81–0xFE are followed by
    // bytes UTF-8 would reject), so a strict decode that succeeds is a reliable sign of UTF-8.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // GB18030 is a superset of GBK that also decodes its four-byte sequences (rare characters in
    // names, such as 𠮷), so every GBK file decodes the same and a few more decode at all.
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'),
      encoding: 'gbk',
    };
  }
}
