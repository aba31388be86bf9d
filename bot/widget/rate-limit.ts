// Per-buyer message budget (token bucket from rate-limiter-flexible). In memory on purpose: it guards against
// floods, it is not business state, and a restart forgetting it is harmless. Sockets are sticky to a node, so a
// buyer is counted where their connection lives; a deployment that wants one budget across nodes swaps in the
// library's RateLimiterRedis on the Redis the Socket.IO adapter already uses.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { WidgetError } from '../errors';

export type MessageLimiter = (buyerId: number) => Promise<void>;

export function messageLimiter(points: number, seconds: number): MessageLimiter {
  const limiter = new RateLimiterMemory({ points, duration: seconds, keyPrefix: 'widget-message' });
  return async (buyerId) => {
    try {
      await limiter.consume(String(buyerId));
    } catch (res) {
      if (res instanceof RateLimiterRes) throw new WidgetError('RATE_LIMITED', undefined, { retryAfterMs: res.msBeforeNext });
      throw res;
    }
  };
}
