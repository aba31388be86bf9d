// The right column: who the buyer is (credit level with its reasons, history), what the bot already knew and
// did, and the order history with per-order actions.
import { useContext } from 'preact/hooks';
import { label } from '../i18n';
import type { HandoffView } from '../protocol';
import { Ctx } from './context';
import { OrderItem } from './OrderItem';

export function BuyerPanel({ handoff: h, canAct }: { handoff: HandoffView; canAct: boolean }) {
  const { t, lang } = useContext(Ctx);
  const { buyer, summary } = h;
  const actions = (summary?.botActions ?? []).filter((a): a is string => typeof a === 'string');
  const orders = [...h.orders].sort((a, b) => Number(b.id === h.orderId) - Number(a.id === h.orderId));
  return (
    <aside class="side" aria-label={t.buyer}>
      <section class="panel buyer-card">
        <div class="buyer-head">
          <div class="avatar" aria-hidden="true">
            {(buyer.name ?? buyer.externalId).slice(0, 1)}
          </div>
          <div>
            <strong>{buyer.name ?? buyer.externalId}</strong>
            <div class="muted mono">{buyer.externalId}</div>
          </div>
          <span class={`credit ${buyer.credit.level}`} data-credit={buyer.credit.level}>
            {t.credit} · {label(t.creditLevels, buyer.credit.level)}
          </span>
        </div>
        {buyer.credit.reasons.length > 0 && (
          <ul class="credit-reasons">
            {buyer.credit.reasons.map((r) => (
              <li>{r.message ? (lang === 'en' ? r.message.en : r.message.zh) : r.code}</li>
            ))}
          </ul>
        )}
        <dl class="stats">
          <div>
            <dt>{t.prevConversations}</dt>
            <dd>{buyer.previousConversations}</dd>
          </div>
          <div>
            <dt>{t.cancellations}</dt>
            <dd>{buyer.cancellations}</dd>
          </div>
          <div>
            <dt>{t.orderCount}</dt>
            <dd>{h.orders.length}</dd>
          </div>
        </dl>
      </section>
      {summary && (
        <section class="panel summary">
          <h2>{t.summary}</h2>
          {summary.detail && <p class="summary-detail">{lang === 'en' ? (summary.detailEn ?? summary.detail) : summary.detail}</p>}
          {summary.lastBuyerText && (
            <p>
              <span class="muted">{t.lastBuyerText}：</span>
              {summary.lastBuyerText}
            </p>
          )}
          {actions.length > 0 && (
            <p>
              <span class="muted">{t.botActions}：</span>
              {actions.join('；')}
            </p>
          )}
        </section>
      )}
      <section class="panel orders">
        <h2>{t.orders(50)}</h2>
        {orders.length === 0 && <p class="muted">{t.noOrders}</p>}
        {orders.map((o) => (
          <OrderItem key={o.id} order={o} handoffId={h.handoffId} focus={o.id === h.orderId} canAct={canAct} />
        ))}
      </section>
    </aside>
  );
}
