// A stored message's payload, readable for an agent: Botpress text, choice, dropdown, card, carousel and image,
// plus the bot's order message. Everything is rendered as text nodes, never as HTML; buttons the buyer saw are
// shown as inert labels.
import { useContext } from 'preact/hooks';
import { label } from '../i18n';
import type { WireMessage } from '../protocol';
import { Ctx } from './context';
import { yuan } from './format';
import { safeUrl } from './safe-url';

type Payload = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): Payload[] => (Array.isArray(v) ? v.filter((x): x is Payload => typeof x === 'object' && x !== null) : []);

function Chips({ items }: { items: Payload[] }) {
  if (items.length === 0) return null;
  return (
    <div class="chips">
      {items.map((o) => {
        const href = o.action === 'url' ? safeUrl(o.value) : null;
        return href ? (
          <a class="chip" href={href} target="_blank" rel="noopener noreferrer">
            {str(o.label) ?? href}
          </a>
        ) : (
          <span class="chip">{str(o.label) ?? ''}</span>
        );
      })}
    </div>
  );
}

function Card({ card }: { card: Payload }) {
  const img = safeUrl(card.imageUrl);
  return (
    <div class="msg-card">
      {img && <img src={img} alt="" loading="lazy" />}
      <strong>{str(card.title) ?? ''}</strong>
      {str(card.subtitle) && <span class="sub">{str(card.subtitle)}</span>}
      <Chips items={list(card.actions)} />
    </div>
  );
}

export function MessageBody({ message }: { message: WireMessage }) {
  const { t } = useContext(Ctx);
  const p = message.payload;
  const text = str(p.text);
  switch (message.type) {
    case 'text':
      return <p class="text">{text ?? ''}</p>;
    case 'choice':
    case 'dropdown':
      return (
        <>
          {text && <p class="text">{text}</p>}
          <Chips items={list(p.options)} />
        </>
      );
    case 'card':
      return <Card card={p} />;
    case 'carousel':
      return (
        <div class="carousel">
          {list(p.items).map((c) => (
            <Card card={c} />
          ))}
        </div>
      );
    case 'image': {
      const src = safeUrl(p.imageUrl);
      return src ? <img class="msg-image" src={src} alt={str(p.title) ?? ''} loading="lazy" /> : <p class="text muted">{t.unsupported('image')}</p>;
    }
    case 'order': {
      const o = (p.order ?? {}) as Payload;
      return (
        <>
          {text && <p class="text">{text}</p>}
          <p class="msg-order">
            {str(o.orderNo)} · {typeof o.amountCents === 'number' ? yuan(o.amountCents) : ''} · {label(t.orderStatus, str(o.status) ?? '')}
          </p>
        </>
      );
    }
    default:
      return <p class="text">{text ?? t.unsupported(message.type)}</p>;
  }
}
