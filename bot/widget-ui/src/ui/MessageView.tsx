// One server message: a bubble for its text plus whatever rich content its Botpress type carries.
// All text goes in as Preact text nodes, never as HTML.
import { useContext } from 'preact/hooks';
import { orderSchema, payloadSchemas, type ServerMessage } from '../protocol';
import { Ctx } from './context';
import { OrderCard } from './OrderCard';
import { Card, Carousel, Choices, Dropdown, Image } from './RichContent';

const time = (iso?: string) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '');

function Content({ message, active }: { message: ServerMessage; active: boolean }) {
  const { t } = useContext(Ctx);
  const p = message.payload;
  const answerable = { messageId: message.id, active };
  const bubble = (text: string) => <div class="bubble">{text}</div>;
  switch (message.type) {
    case 'text': {
      const r = payloadSchemas.text.safeParse(p);
      if (r.success) return bubble(r.data.text);
      break;
    }
    case 'choice': {
      const r = payloadSchemas.choice.safeParse(p);
      if (r.success) return (<>{bubble(r.data.text)}<Choices options={r.data.options} {...answerable} /></>);
      break;
    }
    case 'dropdown': {
      const r = payloadSchemas.dropdown.safeParse(p);
      if (r.success) return (<>{bubble(r.data.text)}<Dropdown text={r.data.text} options={r.data.options} {...answerable} /></>);
      break;
    }
    case 'card': {
      const r = payloadSchemas.card.safeParse(p);
      if (r.success) return <Card card={r.data} {...answerable} />;
      break;
    }
    case 'carousel': {
      const r = payloadSchemas.carousel.safeParse(p);
      if (r.success) return <Carousel items={r.data.items} {...answerable} />;
      break;
    }
    case 'image': {
      const r = payloadSchemas.image.safeParse(p);
      if (r.success) return <Image url={r.data.imageUrl} title={r.data.title} />;
      break;
    }
    case 'order': {
      const r = payloadSchemas.order.safeParse(p);
      if (r.success) return r.data.text ? bubble(r.data.text) : null;
      break;
    }
  }
  const text = (p as { text?: unknown } | undefined)?.text;
  return bubble(typeof text === 'string' ? text : t.unsupported);
}

export function MessageView({ message, active }: { message: ServerMessage; active: boolean }) {
  const { t } = useContext(Ctx);
  const mine = message.role === 'buyer';
  const attached = orderSchema.safeParse((message.payload as { order?: unknown } | undefined)?.order);
  if (message.role === 'system') {
    const text = (message.payload as { text?: unknown } | undefined)?.text;
    return <div class="notice">{typeof text === 'string' ? text : t.unsupported}</div>;
  }
  return (
    <div class={`row ${message.role}${mine ? ' mine' : ''}`} data-message-id={String(message.id)} data-type={message.type}>
      {!mine && <div class="who">{t.roles[message.role] ?? message.role}</div>}
      <Content message={message} active={active} />
      {attached.success && <OrderCard order={attached.data} />}
      <div class="meta">{time(message.createdAt)}</div>
    </div>
  );
}
