// V8 starts a full garbage collection once the old generation has grown ~10–50% past what the previous one kept
// (its own heuristic). Under sustained widget load that was every 7–10 s: Socket.IO's recovery packets (30 s of
// them, server/recovery-adapter.ts) and the turns in flight all reach the old generation. On a 2-core machine
// each full collection's concurrent marking takes CPU from the main thread and SQLite's threads, and replies
// stalled for ~100 ms each time (bench:widget p99 over 60 s: 74–88 ms). Letting the old generation double first
// makes them ~4× rarer (p99 21–26 ms), for a heap that peaks at ~2× its live size (~250 MB instead of ~150 MB
// at 500 messages/s). Set before the server allocates; an operator's own --heap-growing-percent wins.
import v8 from 'node:v8';

const FLAG = '--heap-growing-percent';
export const HEAP_GROWING_PERCENT = 100;

export function tuneGarbageCollector(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => arg.startsWith(FLAG));
  if (!given) v8.setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
}
