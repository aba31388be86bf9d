// Botpress standard message types beyond plain text: choice, dropdown, card, carousel, image.
import { useContext, useState } from 'preact/hooks';
import { cardOrderNo, type CardAction, type CardPayload, type Option } from '../protocol';
import { Ctx } from './context';
import { safeUrl } from './safe-url';

interface Answerable {
  messageId: string | number;
  /** Only the newest bot message takes answers: older buttons stay visible but disabled. */
  active: boolean;
}

export function Choices({ options, messageId, active }: { options: Option[] } & Answerable) {
  const { postback } = useContext(Ctx);
  return (
    <div class="options" role="group">
      {options.map((o) => (
        <button type="button" class="chip" disabled={!active} onClick={() => postback({ value: o.value, label: o.label, messageId })}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function Dropdown({ text, options, messageId, active }: { text: string; options: Option[] } & Answerable) {
  const { t, postback } = useContext(Ctx);
  const [value, setValue] = useState('');
  const chosen = options.find((o) => o.value === value);
  return (
    <form class="dropdown" onSubmit={(e) => (e.preventDefault(), chosen && postback({ value: chosen.value, label: chosen.label, messageId }))}>
      <select aria-label={text} value={value} disabled={!active} onChange={(e) => setValue(e.currentTarget.value)}>
        <option value="">{t.choose}</option>
        {options.map((o) => (
          <option value={o.value}>{o.label}</option>
        ))}
      </select>
      <button type="submit" class="primary" disabled={!active || !chosen}>
        {t.send}
      </button>
    </form>
  );
}

function Action({ action, messageId, active }: { action: CardAction } & Answerable) {
  const { postback, say } = useContext(Ctx);
  if (action.action === 'url') {
    const href = safeUrl(action.value);
    return href ? (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {action.label}
      </a>
    ) : null;
  }
  const onClick = () => (action.action === 'say' ? say(action.value) : postback({ value: action.value, label: action.label, messageId }));
  return (
    <button type="button" disabled={!active} onClick={onClick}>
      {action.label}
    </button>
  );
}

export function Card({ card, ...answerable }: { card: CardPayload } & Answerable) {
  const { t, orders } = useContext(Ctx);
  const img = card.imageUrl ? safeUrl(card.imageUrl) : null;
  const orderNo = cardOrderNo(card);
  const live = orderNo ? orders[orderNo] : undefined;
  return (
    <div class="card" data-order={orderNo ?? undefined}>
      {img && <img src={img} alt="" loading="lazy" />}
      <div class="body">
        <h3>{card.title}</h3>
        {live && (
          <span class={`badge ${live.status}`} data-status={live.status}>
            {t.orderStatus[live.status] ?? live.status}
          </span>
        )}
        {card.subtitle && <p class="sub">{card.subtitle}</p>}
      </div>
      {card.actions.length > 0 && (
        <div class="actions">
          {card.actions.map((a) => (
            <Action action={a} {...answerable} />
          ))}
        </div>
      )}
    </div>
  );
}

export function Carousel({ items, ...answerable }: { items: CardPayload[] } & Answerable) {
  return (
    <div class="carousel">
      {items.map((c) => (
        <Card card={c} {...answerable} />
      ))}
    </div>
  );
}

export function Image({ url, title }: { url: string; title?: string }) {
  const src = safeUrl(url);
  return src ? <img class="image" src={src} alt={title ?? ''} loading="lazy" /> : null;
}
