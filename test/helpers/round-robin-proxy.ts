// A round-robin TCP proxy on 127.0.0.1 in front of several hub instances, as nginx's upstream with
// `proxy_next_upstream error` would be: each new connection goes to the next target, and a target
// that refuses the connection (a killed instance) is skipped for the one after it.
import net from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Connections handed to each target port so far. */
  served(): Map<number, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(targetPorts: readonly number[]): Promise<RoundRobinProxy> {
  let next = 0;
  const served = new Map<number, number>();
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  /** Connects to the next target that accepts; destroys the client when none does. */
  const dial = (client: net.Socket, tries: number) => {
    if (tries === 0 || client.destroyed) {
      client.destroy();
      return;
    }
    const port = targetPorts[next++ % targetPorts.length] ?? 0;
    const upstream = net.connect(port, '127.0.0.1');
    const refused = () => dial(client, tries - 1);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      served.set(port, (served.get(port) ?? 0) + 1);
      track(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    client.on('error', () => undefined);
    dial(client, targetPorts.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => new Map(served),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
