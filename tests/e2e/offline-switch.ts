// A loopback TCP relay in front of the central server that a test can switch off and on:
// the workstation behind it is offline (connections cut and refused) until switched back.
import { createServer, connect, type Socket } from 'node:net';

export interface OfflineSwitch {
  url: string;
  offline(): void;
  online(): void;
  close(): Promise<void>;
}

export async function offlineSwitch(target: string): Promise<OfflineSwitch> {
  const to = new URL(target);
  const live = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(to.port), to.hostname);
    for (const s of [client, upstream]) {
      live.add(s);
      s.on('close', () => live.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    offline() {
      up = false;
      for (const s of live) s.destroy();
    },
    online() {
      up = true;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of live) s.destroy();
        server.close(() => r());
      }),
  };
}
