// Connection state recovery through TrimmedSessionAdapter on a real Socket.IO server and client: a short gap is
// recovered with what was missed; a packet past the window is dropped within it (Socket.IO's own adapter keeps it
// for up to a minute more), so recovery from it falls back to the widget's `sync`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SessionAwareAdapter } from 'socket.io-adapter';
import { io as connect, type Socket } from 'socket.io-client';
import { TrimmedSessionAdapter } from '../../server/recovery-adapter';

const WINDOW_MS = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(adapter: typeof SessionAwareAdapter) {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter, connectionStateRecovery: { maxDisconnectionDuration: WINDOW_MS } });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const client = connect(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    reconnectionDelay: 10,
    randomizationFactor: 0,
  });
  const received: number[] = [];
  client.on('n', (n: number) => received.push(n));
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  return {
    io,
    client,
    received,
    close: async () => {
      client.close();
      await new Promise((resolve) => io.close(resolve));
    },
  };
}

/** Drops the transport the way a network blip does; resolves once the client is connected again. */
function blip(client: Socket, whileAway: () => void = () => undefined): Promise<void> {
  return new Promise((resolve) => {
    client.once('disconnect', () => {
      whileAway();
      client.once('connect', () => resolve());
    });
    client.io.engine.close();
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2_000) throw new Error('timed out');
    await sleep(10);
  }
}

describe('TrimmedSessionAdapter', () => {
  test('a short gap is recovered: the socket is restored and sent what it missed', async () => {
    const s = await start(TrimmedSessionAdapter);
    try {
      s.io.emit('n', 1);
      await until(() => s.received.length === 1);
      await blip(s.client, () => s.io.emit('n', 2));
      expect(s.client.recovered).toBe(true);
      await until(() => s.received.length === 2);
      expect(s.received).toEqual([1, 2]);
    } finally {
      await s.close();
    }
  });

  test('a packet past the window is dropped within it, where Socket.IO’s own adapter still recovers from it', async () => {
    const outcome = async (adapter: typeof SessionAwareAdapter) => {
      const s = await start(adapter);
      try {
        s.io.emit('n', 1);
        await until(() => s.received.length === 1);
        await sleep(WINDOW_MS * 1.5);
        await blip(s.client);
        return s.client.recovered;
      } finally {
        await s.close();
      }
    };
    expect(await outcome(SessionAwareAdapter)).toBe(true);
    expect(await outcome(TrimmedSessionAdapter)).toBe(false);
  });
});
