// Agent replies on their way: kept in this browser (localStorage) until the server acknowledges them, resent
// after a reconnect or a reload with the same clientMsgId, which the server stores once.
import { useEffect, useState } from 'preact/hooks';
import { v4 as uuid } from 'uuid';
import type { DeskEvent } from '../desk-state';
import { parsed, wireMessageSchema } from '../protocol';
import type { DeskConnection } from './connection';

export interface Outgoing {
  clientMsgId: string;
  handoffId: number;
  text: string;
  failed?: string;
}

const KEY = 'kadesk.desk.outbox';

function load(): Outgoing[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? (list as Outgoing[]).filter((o) => typeof o.clientMsgId === 'string' && typeof o.text === 'string') : [];
  } catch {
    return [];
  }
}

export interface Outbox {
  pending: Outgoing[];
  send(handoffId: number, text: string): void;
  discard(clientMsgId: string): void;
}

export function useOutbox(conn: DeskConnection, dispatch: (e: DeskEvent) => void): Outbox {
  const [pending, setPending] = useState<Outgoing[]>(load);
  useEffect(() => localStorage.setItem(KEY, JSON.stringify(pending.filter((o) => !o.failed))), [pending]);

  const deliver = (o: Outgoing) => {
    void conn.deliver('message:send', { handoffId: o.handoffId, clientMsgId: o.clientMsgId, text: o.text }).then((r) => {
      if (r.ok) {
        for (const message of parsed(wireMessageSchema, r.data.message)) dispatch({ type: 'message', handoffId: o.handoffId, message });
        setPending((list) => list.filter((x) => x.clientMsgId !== o.clientMsgId));
      } else setPending((list) => list.map((x) => (x.clientMsgId === o.clientMsgId ? { ...x, failed: r.error.code } : x)));
    });
  };
  // After a reload: whatever was not acknowledged goes again.
  useEffect(() => pending.forEach(deliver), []);

  return {
    pending,
    send: (handoffId, text) => {
      const o = { clientMsgId: uuid(), handoffId, text };
      setPending((list) => [...list, o]);
      deliver(o);
    },
    discard: (clientMsgId) => setPending((list) => list.filter((x) => x.clientMsgId !== clientMsgId)),
  };
}
