// POSTs a large body in chunks, as a stranger flooding a door would, and resolves the HTTP status
// without waiting for the whole upload (0 when the server cut the connection first).
import { request } from 'node:http';

export function postBigBody(url: string, bytes: number, headers: Record<string, string> = {}): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(bytes), ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    // The server may close the socket while we are still writing: that is the point.
    req.on('error', () => resolve(0));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
