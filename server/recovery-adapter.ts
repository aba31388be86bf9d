// Connection state recovery on a single node (no REDIS_URL): Socket.IO's in-memory SessionAwareAdapter keeps every
// broadcast packet so a reconnecting socket can be sent what it missed, and drops the expired ones only once a
// minute. With the two-minute window KaDesk used, that held two to three minutes of all traffic in the heap: ~75,000
// packets (order-card carousels and all) 40 s into the widget bench at 500 messages/s. Each packet survives into V8's
// old generation, so full collections came every 7–10 s, and on two cores each one stalled replies for 100–200 ms
// (the bench's p99 over 60 s: 46–86 ms; with recovery off, 15 ms and no full collection at all).
// This adapter keeps Socket.IO's recovery as it is, with a 30 s window, and drops packets past it every
// TRIM_EVERY_MS, so the heap holds the window only (Socket.IO's own adapter could still replay a packet past the
// window until its next once-a-minute cleanup; here it cannot). Longer gaps are the widget's `sync` request,
// answered from the database.
import type { Namespace } from 'socket.io';
import { SessionAwareAdapter } from 'socket.io-adapter';

/** How long a disconnected socket can come back and be sent what it missed (Socket.IO's maxDisconnectionDuration). */
export const RECOVERY_WINDOW_MS = 30_000;
const TRIM_EVERY_MS = 2_000;

/** The private part of SessionAwareAdapter (socket.io-adapter 2.5) this relies on; tests/server cover it. */
interface SessionAwareInternals {
  /** Every stored packet, oldest first. */
  packets: Array<{ emittedAt: number }>;
  /** The server's connectionStateRecovery.maxDisconnectionDuration. */
  maxDisconnectionDuration: number;
}

export class TrimmedSessionAdapter extends SessionAwareAdapter {
  private readonly trimTimer: NodeJS.Timeout;

  constructor(nsp: Namespace) {
    super(nsp);
    const windowMs = this.internals().maxDisconnectionDuration;
    this.trimTimer = setInterval(() => this.dropExpired(windowMs), Math.min(TRIM_EVERY_MS, windowMs / 10));
    this.trimTimer.unref();
  }

  override close(): void {
    clearInterval(this.trimTimer);
  }

  private internals(): SessionAwareInternals {
    return this as unknown as SessionAwareInternals;
  }

  private dropExpired(windowMs: number): void {
    const { packets } = this.internals();
    const threshold = Date.now() - windowMs;
    let expired = 0;
    while (expired < packets.length && packets[expired]!.emittedAt < threshold) expired++;
    if (expired > 0) packets.splice(0, expired);
  }
}
