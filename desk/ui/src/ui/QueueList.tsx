// The left column: queued handoffs by priority with their live SLA clocks, then the chats this agent holds
// (supervisors: every held chat).
import { useContext } from 'preact/hooks';
import { holdsIt } from '../desk-state';
import { label } from '../i18n';
import type { HandoffView } from '../protocol';
import { Ctx } from './context';
import { SlaClock, Waiting } from './Countdown';
import { yuan } from './format';

function Item({ h, selected }: { h: HandoffView; selected: boolean }) {
  const { t, me, dispatch } = useContext(Ctx);
  const order = h.orderId ? h.orders.find((o) => o.id === h.orderId) : undefined;
  const last = h.transcript.filter((m) => m.role === 'buyer').at(-1);
  const preview = h.summary?.lastBuyerText ?? (typeof last?.payload.text === 'string' ? last.payload.text : '');
  return (
    <li>
      <button
        type="button"
        class={`queue-item ${selected ? 'selected' : ''} ${h.breachedAt ? 'breached' : ''}`}
        aria-current={selected ? 'true' : undefined}
        data-handoff={h.handoffId}
        data-status={h.status}
        onClick={() => dispatch({ type: 'select', handoffId: h.handoffId })}
      >
        <span class="row1">
          <span class={`prio p${Math.min(h.priority, 9)}`} title={t.priority}>
            P{h.priority}
          </span>
          <strong class="buyer-name">{h.buyer.name ?? h.buyer.externalId}</strong>
          <span class={`credit-dot ${h.buyer.credit.level}`} title={`${t.credit}: ${label(t.creditLevels, h.buyer.credit.level)}`} />
          <Waiting since={h.createdAt} />
        </span>
        <span class="row2">
          <span class="reason">{label(t.reasons, h.reason)}</span>
          {order && (
            <span class="order-hint">
              {order.orderNo} · {yuan(order.amountCents)}
            </span>
          )}
        </span>
        {preview && <span class="preview">{preview}</span>}
        <span class="row3">
          <SlaClock handoff={h} />
          {h.status === 'claimed' && <span class={`holder ${holdsIt(h, me) ? 'me' : ''}`}>{t.claimedBy(h.claimedByName ?? '—')}</span>}
        </span>
      </button>
    </li>
  );
}

export function QueueList({ list, selectedId }: { list: HandoffView[]; selectedId: number | null }) {
  const { t, me } = useContext(Ctx);
  const queued = list.filter((h) => h.status === 'queued');
  const mine = list.filter((h) => holdsIt(h, me));
  const others = list.filter((h) => h.status === 'claimed' && !holdsIt(h, me));
  const section = (title: string, items: HandoffView[], id: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="count">{items.length}</span>
      </h2>
      <ul>
        {items.map((h) => (
          <Item h={h} selected={h.handoffId === selectedId} />
        ))}
      </ul>
    </section>
  );
  return (
    <nav class="queue" aria-label={t.queue}>
      {section(t.queued, queued, 'q-queued')}
      {queued.length === 0 && <p class="muted pad">{t.emptyQueue}</p>}
      {mine.length > 0 && section(t.mine, mine, 'q-mine')}
      {others.length > 0 && section(t.others, others, 'q-others')}
    </nav>
  );
}
