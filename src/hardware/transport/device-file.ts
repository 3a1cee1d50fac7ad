// Device files (/dev/usb/lp0 from the Linux usblp driver, \\.\COM3, a shared printer path) as a
// ByteLink. Writes go through fs. Many cheap USB printers enumerate as one-way, so nothing is ever
// read back (hardware.md C.4, klirichek/zj-58 #2); only when the config says the device answers is
// it opened read-write and polled for replies (bidirectional usblp, node-thermal-printer #256).
import { constants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { ByteLink } from './types.js';
import { Listeners } from '../status.js';

/** A non-blocking read of a device with nothing to say returns EAGAIN; look again this often. */
const READ_POLL_MS = 20;
/** A device that takes no bytes for this long (EAGAIN on every try) is treated as gone. */
const WRITE_STALL_MS = 10_000;

export async function openDeviceFile(
  path: string,
  opts: { twoWay: boolean; /** Measures a write stall. */ now: () => number },
): Promise<ByteLink> {
  // Never O_CREAT: a mistyped /dev path must fail, not leave a regular file behind.
  const flags = opts.twoWay
    ? constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY
    : constants.O_WRONLY | constants.O_NOCTTY;
  let fh: FileHandle;
  try {
    fh = await fsp.open(path, flags);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT'
        ? 'no such device'
        : e.code === 'EACCES'
          ? 'permission denied (is the user in group lp?)'
          : e.code === 'EBUSY'
            ? 'device busy'
            : e.message;
    throw new Error(`cannot open printer device ${path}: ${why}`, { cause: err });
  }

  const data = new Listeners<Uint8Array>();
  const closed_ = new Listeners<Error | null>();
  let closed = false;
  let readTimer: ReturnType<typeof setTimeout> | null = null;
  let reading: Promise<void> = Promise.resolve();

  const finish = async (err: Error | null) => {
    if (closed) return;
    closed = true;
    if (readTimer) clearTimeout(readTimer);
    await reading.catch(() => {});
    await fh.close().catch(() => {});
    closed_.emit(err);
  };

  const readOnce = async () => {
    const buf = Buffer.alloc(512);
    try {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead > 0) data.emit(new Uint8Array(buf.buffer, 0, bytesRead));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code !== 'EAGAIN' && e.code !== 'EWOULDBLOCK') {
        void finish(new Error(`printer device ${path} failed: ${e.message}`));
        return;
      }
    }
    if (!closed) readTimer = setTimeout(schedule, READ_POLL_MS);
  };
  const schedule = () => {
    readTimer = null;
    if (!closed) reading = readOnce();
  };
  if (opts.twoWay) schedule();

  const writeAll = async (data: Uint8Array) => {
    let offset = 0;
    let lastProgress = opts.now();
    while (offset < data.byteLength) {
      try {
        const { bytesWritten } = await fh.write(data, offset, data.byteLength - offset, null);
        offset += bytesWritten;
        if (bytesWritten > 0) lastProgress = opts.now();
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code !== 'EAGAIN' && e.code !== 'EWOULDBLOCK') throw err;
        // Non-blocking (two-way) mode: the printer's buffer is full; wait for it to drain.
        if (opts.now() - lastProgress > WRITE_STALL_MS)
          throw new Error(`printer device ${path} took no data for ${WRITE_STALL_MS / 1000} s`, { cause: err });
        await new Promise((r) => setTimeout(r, READ_POLL_MS));
      }
    }
  };

  return {
    twoWay: opts.twoWay,
    async write(data) {
      if (closed) throw new Error(`printer device ${path} is closed`);
      try {
        await writeAll(data);
      } catch (err) {
        const e = err as Error;
        const failure = new Error(`write to ${path} failed: ${e.message}`);
        void finish(failure);
        throw failure;
      }
    },
    onData: (listener) => data.add(listener),
    onClose: (listener) => closed_.add(listener),
    close: () => finish(null),
  };
}
