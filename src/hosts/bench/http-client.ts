// The benches' HTTP client: node's own, on the caller's keep-alive agent, the answer's chunks kept
// as they come. fetch() (undici) spent another ~50 ms of its own receiving the stats bench's 6.7 MB
// answer, and costs the intake generator CPU it shares with the hubs: that is the client's time,
// not the hub's.
import http from 'node:http';

export interface BenchRequest {
  method: 'GET' | 'POST';
  agent: http.Agent;
  headers: http.OutgoingHttpHeaders;
  body?: string;
}

export interface BenchAnswer {
  status: number;
  body: Buffer;
}

/** One request; resolves at the answer's last byte, rejects when the connection fails. */
export function benchRequest(url: string | URL, r: BenchRequest): Promise<BenchAnswer> {
  return new Promise((resolve, reject) => {
    const headers = r.body === undefined ? r.headers : { ...r.headers, 'content-length': Buffer.byteLength(r.body) };
    const req = http.request(url, { method: r.method, agent: r.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}
