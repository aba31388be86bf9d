// Real buyer messages worth a look (low confidence, fallback, re-labelled by an agent): add one to an intent.
import { useContext, useState } from 'preact/hooks';
import * as api from '../../supervisor/api';
import type { InboxItem } from '../../supervisor/schemas';
import { dateTime } from '../format';
import { pct } from '../../supervisor/format';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';
import { useChange } from './UtterancesPanel';

export function InboxPanel({ intents }: { intents: string[] }) {
  const { s } = useContext(SvCtx);
  const [reason, setReason] = useState('');
  const [items, reload] = useLoad(() => api.inbox({ reason, limit: 100 }), [reason]);
  return (
    <div>
      <div class="toolbar">
        <select aria-label={s.reasons} value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
          <option value="">{s.allTypes}</option>
          {Object.entries(s.inboxReasons).map(([k, v]) => (
            <option value={k}>{v}</option>
          ))}
        </select>
      </div>
      <Loaded load={items} retry={reload}>
        {(v) =>
          v.items.length === 0 ? (
            <p class="muted pad">{s.empty}</p>
          ) : (
            <table class="grid">
              <tbody>
                {v.items.map((item) => (
                  <InboxRow key={item.messageId} item={item} intents={intents} onDone={reload} />
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </div>
  );
}

function InboxRow({ item, intents, onDone }: { item: InboxItem; intents: string[]; onDone(): void }) {
  const { s, lang } = useContext(SvCtx);
  const [intent, setIntent] = useState(item.relabel?.intent ?? '');
  const change = useChange();
  return (
    <tr data-message={item.messageId}>
      <td>
        <div>{item.text}</div>
        <div class="muted">
          {dateTime(item.createdAt, lang)} · {item.reasons.map((r) => s.inboxReasons[r] ?? r).join('、')}
          {item.relabel && ` · ${s.relabelledBy(item.relabel.agentName ?? '?', item.relabel.intent)}`}
        </div>
      </td>
      <td class="muted">
        {s.botRead}: <span class="mono">{item.nlu ? `${item.nlu.intent} ${pct(item.nlu.confidence)}` : '—'}</span>
      </td>
      <td class="actions">
        <select aria-label={s.addTo} value={intent} onChange={(e) => setIntent(e.currentTarget.value)}>
          <option value="">{s.intent}…</option>
          {intents.map((i) => (
            <option value={i}>{i}</option>
          ))}
        </select>
        <button type="button" class="primary" disabled={!intent} onClick={() => void change(() => api.addFromInbox(item.messageId, intent), onDone)}>
          {s.addTo}
        </button>
        <button type="button" class="link" onClick={() => void change(() => api.dismissInbox(item.messageId), onDone)}>
          {s.dismissItem}
        </button>
      </td>
    </tr>
  );
}
