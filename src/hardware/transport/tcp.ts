// Raw TCP (AppSocket/JetDirect, port 9100) as a ByteLink. Status answers come back on the same
// socket (hardware.md C.4), so the link is two-way.
import { connect, type Socket } from 'node:net';
import type { ByteLink } from './types.js';
import { Listeners } from '../status.js';

export async function openTcp(host: string, port: number, opts: { connectTimeoutMs: number }): Promise<ByteLink> {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`printer at ${where} did not accept a connection within ${opts.connectTimeoutMs} ms`));
    }, opts.connectTimeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why =
        err.code === 'ECONNREFUSED'
          ? 'connection refused'
          : err.code === 'EHOSTUNREACH'
            ? 'host unreachable'
            : err.message;
      reject(new Error(`cannot connect to printer at ${where}: ${why}`));
    });
  });
  socket.setNoDelay(true);

  const data = new Listeners<Uint8Array>();
  const closed_ = new Listeners<Error | null>();
  let closing = false;
  let closed = false;
  let lastError: Error | null = null;

  socket.on('data', (chunk: Buffer) => {
    data.emit(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  socket.on('error', (err) => {
    lastError = err;
  });
  socket.on('close', () => {
    closed = true;
    const reason = closing
      ? null
      : new Error(`connection to ${where} closed${lastError ? `: ${lastError.message}` : ' by the printer'}`);
    closed_.emit(reason);
  });

  return {
    twoWay: true,
    write(data) {
      return new Promise((resolve, reject) => {
        if (closed || socket.destroyed) {
          reject(new Error(`connection to ${where} is closed`));
          return;
        }
        socket.write(data, (err) => (err ? reject(new Error(`write to ${where} failed: ${err.message}`)) : resolve()));
      });
    },
    onData: (listener) => data.add(listener),
    onClose: (listener) => closed_.add(listener),
    close() {
      if (closed) return Promise.resolve();
      closing = true;
      // end() flushes what was written before FIN; a printer that never closes its side must not
      // keep us waiting, so destroy after a grace period.
      return new Promise((resolve) => {
        const timer = setTimeout(() => socket.destroy(), 2000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.end();
      });
    },
  };
}
