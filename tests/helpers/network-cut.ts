/**
 * A TCP relay on 127.0.0.1 in front of a local server, whose cable can be pulled: `cut()` drops
 * every open connection (keep-alive ones too) and resets new ones, as a network that went away;
 * `restore()` lets connections through again. The server behind it keeps its state.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface NetworkCut {
  url: string;
  port: number;
  /** Connections that reached the server through the relay. */
  connections(): number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startNetworkCut(target: string): Promise<NetworkCut> {
  const upstream = new URL(target);
  const open = new Set<net.Socket>();
  let down = false;
  let passed = 0;
  const server = net.createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    passed++;
    const remote = net.connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, remote]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => remote.destroy());
    remote.on('close', () => client.destroy());
    client.pipe(remote);
    remote.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${upstream.protocol}//127.0.0.1:${port}`,
    port,
    connections: () => passed,
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      down = false;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
