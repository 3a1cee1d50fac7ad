// The evidence export's zip: entries stored, not deflated (MP4 and JPEG are compressed already, so
// deflate would only cost CPU), names in UTF-8. fflate writes the format (APPNOTE 6.3).
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Modification time; DOS time has 2-second resolution and no zone. */
  date: Date;
}

export function zip(entries: ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const e of entries) {
    if (e.name in files) throw new Error(`zip: ${e.name} is listed twice`);
    files[e.name] = [e.data, { level: 0, mtime: e.date }];
  }
  return Buffer.from(zipSync(files));
}
