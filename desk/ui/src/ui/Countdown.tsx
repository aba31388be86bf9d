// Live clocks: the SLA countdown (amber in the last minute, red once breached) and the waiting time.
import { useContext, useEffect, useState } from 'preact/hooks';
import { dueAt } from '../desk-state';
import type { HandoffState } from '../protocol';
import { Ctx } from './context';
import { duration } from './format';

/** The current time, re-rendering the caller every second. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function SlaClock({ handoff }: { handoff: HandoffState }) {
  const { t } = useContext(Ctx);
  const now = useNow();
  const due = dueAt(handoff);
  if (!due) return null;
  const left = new Date(due).getTime() - now;
  const breached = left <= 0 || (handoff.breachedAt !== null && !handoff.firstResponseAt);
  const kind = handoff.firstResponseAt ? t.replyDue : t.firstReplyDue;
  return (
    <span class={`sla ${breached ? 'breached' : left < 60_000 ? 'soon' : ''}`} data-sla={breached ? 'breached' : 'running'} title={`${kind} ${new Date(due).toLocaleTimeString()}`}>
      {kind} {breached ? (left < 0 ? `${t.breached} +${duration(left)}` : t.breached) : duration(left)}
    </span>
  );
}

export function Waiting({ since }: { since: string }) {
  const now = useNow();
  return <span class="waiting">{duration(now - new Date(since).getTime())}</span>;
}
