// One order in the buyer panel: status, amount and product at a glance; payments, refunds, cancellation and the
// masked card keys when opened; and the actions its status allows.
import { useContext, useState } from 'preact/hooks';
import { label } from '../i18n';
import type { OrderSummary } from '../protocol';
import { Ctx } from './context';
import { dateTime, yuan } from './format';
import { OrderActionDialog, type OrderAction } from './OrderActionDialog';

const CANCELLABLE = new Set(['pending_payment', 'paid', 'delivering']);
const KEYED = new Set(['delivered', 'completed', 'disputed']);

/** What an agent may try on an order in this status (the server still has the last word). */
export function actionsFor(o: OrderSummary): OrderAction[] {
  const list: OrderAction[] = [];
  if (CANCELLABLE.has(o.status) || (o.status === 'delivered' && !o.revealedAt)) list.push('cancel');
  if (KEYED.has(o.status) && o.cardKeys.length > 0) list.push('replaceKeys');
  if (o.status === 'disputed') list.push('dispute');
  if (o.paidAt) list.push('compensate');
  return list;
}

export function OrderItem({ order: o, handoffId, focus, canAct }: { order: OrderSummary; handoffId: number; focus: boolean; canAct: boolean }) {
  const { t, lang } = useContext(Ctx);
  const [action, setAction] = useState<OrderAction | null>(null);
  const names: Record<OrderAction, string> = { cancel: o.status === 'pending_payment' ? t.cancelUnpaid : t.cancelOrder, replaceKeys: t.replaceKeys, compensate: t.compensate, dispute: t.resolveDispute };
  const actions = canAct ? actionsFor(o) : [];
  return (
    <details class={`order ${focus ? 'focus' : ''}`} open={focus} data-order={o.orderNo} data-order-id={o.id}>
      <summary>
        <span class="order-line1">
          <span class="mono">{o.orderNo}</span>
          <span class={`badge s-${o.status}`} data-status={o.status}>
            {label(t.orderStatus, o.status)}
          </span>
          <span class="amount">{yuan(o.amountCents)}</span>
        </span>
        <span class="order-line2 muted">
          {o.product?.name ?? '—'} × {o.quantity} · {dateTime(o.createdAt, lang)}
        </span>
      </summary>
      <div class="order-body">
        {o.payments.length > 0 && (
          <div class="kv">
            <span>{t.payments}</span>
            <ul>
              {o.payments.map((p) => (
                <li>
                  {label(t.channels, p.channel)} {yuan(p.amountCents)} · {label(t.paymentStatus, p.status)} <span class="mono muted">{p.externalId}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {o.refunds.length > 0 && (
          <div class="kv">
            <span>{t.refunds}</span>
            <ul>
              {o.refunds.map((r) => (
                <li data-refund-status={r.status}>
                  {yuan(r.amountCents)} → {label(t.channels, r.channel)} · {label(t.refundStatus, r.status)}
                  {r.expectedBy && !r.completedAt && ` · ${t.expectedBy} ${r.expectedBy.slice(0, 10)}`}
                </li>
              ))}
            </ul>
          </div>
        )}
        {o.cancellation && (
          <div class="kv" data-cancellation={`${o.cancellation.category}/${o.cancellation.reasonCode}`}>
            <span>{t.cancellation}</span>
            <p>
              {label(t.categories, o.cancellation.category)} · {label(t.reasonCodes, o.cancellation.reasonCode)} · {label(t.messageRoles, o.cancellation.initiatorType)} ·{' '}
              {label(t.orderStatus, o.cancellation.stage)}
              {o.cancellation.note && <span class="muted"> · {o.cancellation.note}</span>}
            </p>
          </div>
        )}
        {o.cardKeys.length > 0 && (
          <div class="kv">
            <span>{t.cardKeys}</span>
            <ul>
              {o.cardKeys.map((k) => (
                <li class="mono">
                  {k.serial} / {k.secret} <span class="muted">{label(t.keyStatus, k.status)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {actions.length > 0 && (
          <div class="order-actions">
            {actions.map((a) => (
              <button type="button" class={a === 'cancel' ? 'danger-outline' : ''} data-action={a} onClick={() => setAction(a)}>
                {names[a]}
              </button>
            ))}
          </div>
        )}
      </div>
      {action && <OrderActionDialog action={action} title={names[action]} order={o} handoffId={handoffId} onClose={() => setAction(null)} />}
    </details>
  );
}
