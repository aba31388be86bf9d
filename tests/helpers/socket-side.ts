// One side of a Socket.IO conversation in a test: acked emits, and waiting until what it received satisfies a check.
import type { Socket } from 'socket.io-client';

export abstract class SocketSide {
  private waiters: Array<() => void> = [];

  constructor(readonly socket: Socket) {}

  /** What a timed-out wait reports it saw. */
  protected abstract seen(): string;

  /** Call after recording an event, so pending waits re-check. */
  protected received(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `check` holds, re-checked on every event; fails after a few seconds with what it saw. */
  until<T>(check: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${this.seen()}`)), timeoutMs);
      const test = () => {
        const value = check();
        if (value) {
          clearTimeout(timer);
          resolve(value);
        } else this.waiters.push(test);
      };
      test();
    });
  }

  emit(event: string, payload: unknown): Promise<any> {
    return this.socket.timeout(8000).emitWithAck(event, payload);
  }
}
