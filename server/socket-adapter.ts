// With REDIS_URL set, Socket.IO nodes share rooms and connection-recovery sessions through Redis streams
// (the adapter that supports connection state recovery), so any node can reach any buyer or agent.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

export interface RedisAdapter {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

export async function connectRedisAdapter(url: string): Promise<RedisAdapter> {
  const client = createClient({ url });
  await client.connect();
  return {
    // Short blocking reads let a closing node release its Redis connections promptly.
    adapter: createAdapter(client, { blockTimeInMs: 1000 }),
    close: async () => {
      await client.quit();
    },
  };
}
