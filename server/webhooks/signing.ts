// How a webhook proves it came from this KaDesk: HMAC-SHA256 over "<timestamp>.<body>" with the shared secret.
// Signing the timestamp lets the store refuse old deliveries replayed by someone who captured one.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_PREFIX = 'sha256=';

export const signPayload = (secret: string, timestamp: number, body: string): string =>
  SIGNATURE_PREFIX + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export interface VerifyOptions {
  secret: string;
  /** The raw request body, byte for byte as received (not re-serialised JSON). */
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowSeconds: number;
  toleranceSeconds?: number;
}

/** What a receiver does; the README shows the same steps for stores that are not written in TypeScript. */
export function verifySignature(o: VerifyOptions): boolean {
  if (!o.signature || !o.timestamp || !/^\d{1,12}$/.test(o.timestamp)) return false;
  const ts = Number(o.timestamp);
  if (Math.abs(o.nowSeconds - ts) > (o.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(o.secret, ts, o.body));
  const given = Buffer.from(o.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
