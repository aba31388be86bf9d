// Two server nodes over one database and one Redis: what one node emits reaches a client connected to the other.
import { randomUUID } from 'node:crypto';
import { io as connect, Socket } from 'socket.io-client';
import { createServer, KadeskServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { connectRedisAdapter, RedisAdapter } from '../../server/socket-adapter';
import { openTestDomain, TestDomain } from '../helpers/domain';

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn('TEST_REDIS_URL is not set: skipping the multi-node Socket.IO tests');
const describeRedis = redisUrl ? describe : describe.skip;

describeRedis('Socket.IO across nodes through the Redis streams adapter', () => {
  let domain: TestDomain;
  const nodes: Array<{ server: KadeskServer; redis: RedisAdapter; port: number }> = [];
  let client: Socket;

  beforeAll(async () => {
    domain = await openTestDomain('sqlite');
    const config = { ...loadConfig({}), port: 0, host: '127.0.0.1' };
    for (let i = 0; i < 2; i += 1) {
      const redis = await connectRedisAdapter(redisUrl!);
      const server = createServer({ config, domain, logger: createLogger('silent') }, { adapter: redis.adapter });
      nodes.push({ server, redis, port: await server.listen(0, '127.0.0.1') });
    }
    client = connect(`http://127.0.0.1:${nodes[1]!.port}`, { transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', reject);
    });
  });

  afterAll(async () => {
    client?.disconnect();
    for (const node of nodes) {
      await node.server.close();
      await node.redis.close();
    }
    await domain.teardown();
  });

  test('node A reaches a socket connected to node B, by room', async () => {
    const nonce = randomUUID();
    const received = new Promise((resolve) => client.once('ping:cluster', resolve));
    nodes[0]!.server.io.to(client.id!).emit('ping:cluster', { nonce });
    await expect(received).resolves.toEqual({ nonce });
  });

  test('node A sees the sockets of node B', async () => {
    const sockets = await nodes[0]!.server.io.fetchSockets();
    expect(sockets.map((s) => s.id)).toContain(client.id);
  });
});
