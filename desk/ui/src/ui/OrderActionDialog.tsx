// Confirming an order action. The agent acts on the status they see (`expectedStatus`); when the order moved
// meanwhile the server refuses with ORDER_CHANGED and the fresh order, which replaces the stale one on screen.
import { useContext, useState } from 'preact/hooks';
import { v4 as uuid } from 'uuid';
import { CANCEL_CATEGORIES, CANCEL_REASONS, COMPENSATION_KINDS, label } from '../i18n';
import { freshOrderOf, orderSchema, parsed, type OrderSummary } from '../protocol';
import { CodeSelect } from './CodeSelect';
import { Ctx } from './context';
import { Dialog, FormFooter } from './Dialog';
import { errorText } from './errors';
import { yuan } from './format';

export type OrderAction = 'cancel' | 'replaceKeys' | 'compensate' | 'dispute';

interface Fields {
  category: string;
  reasonCode: string;
  note: string;
  kind: string;
  amount: string;
  outcome: 'refund' | 'reject';
}

function payloadOf(action: OrderAction, f: Fields, base: { handoffId: number; orderId: number; expectedStatus: string }, requestId: string) {
  const note = f.note.trim() || undefined;
  switch (action) {
    case 'cancel':
      return ['order:cancel', { ...base, category: f.category, reasonCode: f.reasonCode, note }] as const;
    case 'replaceKeys':
      return ['order:replaceKeys', { ...base, requestId, reasonCode: f.reasonCode, note }] as const;
    case 'compensate':
      return ['order:compensate', { handoffId: base.handoffId, orderId: base.orderId, kind: f.kind, amountCents: Math.round(Number(f.amount) * 100), reason: f.note.trim(), requestId }] as const;
    case 'dispute':
      return f.outcome === 'refund'
        ? (['order:resolveDispute', { ...base, outcome: 'refund', resolution: f.note.trim(), category: f.category, reasonCode: f.reasonCode }] as const)
        : (['order:resolveDispute', { ...base, outcome: 'reject', resolution: f.note.trim() }] as const);
  }
}

export function OrderActionDialog({ action, title, order, handoffId, onClose }: { action: OrderAction; title: string; order: OrderSummary; handoffId: number; onClose(): void }) {
  const { t, lang, conn, dispatch, toast } = useContext(Ctx);
  // One request id per dialog: pressing confirm again after a timeout is the same request, done once.
  const [requestId] = useState(() => uuid());
  // The status the agent decided on; if the order moves while the dialog is open, the server refuses with ORDER_CHANGED.
  const [seen] = useState(order.status);
  const [f, setF] = useState<Fields>({ category: '', reasonCode: '', note: '', kind: 'coupon', amount: '5', outcome: 'refund' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof Fields) => (e: { currentTarget: { value: string } }) => setF({ ...f, [key]: e.currentTarget.value });

  const needsTag = action === 'cancel' || (action === 'dispute' && f.outcome === 'refund');
  const needsReason = action === 'replaceKeys';
  const needsText = action === 'compensate' || action === 'dispute';
  const ready = (!needsTag || (f.category && f.reasonCode)) && (!needsReason || f.reasonCode) && (!needsText || f.note.trim()) && (action !== 'compensate' || Number(f.amount) > 0);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const [event, payload] = payloadOf(action, f, { handoffId, orderId: order.id, expectedStatus: seen }, requestId);
    const r = await conn.request(event, payload);
    setBusy(false);
    if (r.ok) {
      for (const fresh of parsed(orderSchema, r.data.order)) dispatch({ type: 'order', handoffId, order: fresh });
      toast({ kind: 'ok', text: `${title} · ${order.orderNo}: ${t.actionDone}` });
      onClose();
      return;
    }
    const fresh = freshOrderOf(r.error);
    if (fresh) dispatch({ type: 'order', handoffId, order: fresh });
    setError(r.error.code === 'ORDER_CHANGED' && fresh ? `${t.orderChanged}（${label(t.orderStatus, fresh.status)}）` : errorText(lang, r.error));
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <form class="form" onSubmit={submit} data-order-action={action}>
        <p class="confirm-text">{t.confirmAction(title, order.orderNo)}</p>
        <p class="muted">
          {order.product?.name ?? '—'} · {yuan(order.amountCents)} · <span data-status={order.status}>{label(t.orderStatus, order.status)}</span>
        </p>
        {action === 'dispute' && (
          <div class="segmented" role="radiogroup">
            {(['refund', 'reject'] as const).map((o) => (
              <button type="button" role="radio" aria-checked={f.outcome === o} onClick={() => setF({ ...f, outcome: o })}>
                {o === 'refund' ? t.disputeRefund : t.disputeReject}
              </button>
            ))}
          </div>
        )}
        {needsTag && <CodeSelect name="category" title={t.tagCategory} codes={CANCEL_CATEGORIES} labels={t.categories} value={f.category} onChange={(v) => setF({ ...f, category: v })} />}
        {(needsTag || needsReason) && (
          <CodeSelect name="reasonCode" title={t.tagReason} codes={CANCEL_REASONS} labels={t.reasonCodes} value={f.reasonCode} onChange={(v) => setF({ ...f, reasonCode: v })} />
        )}
        {action === 'compensate' && (
          <div class="form-row">
            <label>
              {t.kind}
              <select name="kind" value={f.kind} onChange={set('kind')}>
                {COMPENSATION_KINDS.map((k) => (
                  <option value={k}>{label(t.compensationKinds, k)}</option>
                ))}
              </select>
            </label>
            <label>
              {t.amountYuan}
              <input name="amount" type="number" min="0.01" max="1000" step="0.01" value={f.amount} onInput={set('amount')} />
            </label>
          </div>
        )}
        <label>
          {action === 'dispute' ? t.resolution : action === 'compensate' ? t.reasonText : t.noteOptional}
          <textarea name="note" rows={2} maxLength={action === 'compensate' ? 64 : 2000} value={f.note} onInput={set('note')} />
        </label>
        {!error && order.status !== seen && <p class="form-hint warn">{`${t.orderChanged}（${label(t.orderStatus, order.status)}）`}</p>}
        <FormFooter error={error} cancelLabel={t.cancel} submitLabel={t.confirm} disabled={busy || !ready} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
