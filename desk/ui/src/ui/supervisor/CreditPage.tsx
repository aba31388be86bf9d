// Buyers on watch or restricted with the reasons; a supervisor override of the level (note required, audited).
import { useContext, useState } from 'preact/hooks';
import * as api from '../../supervisor/api';
import type { BuyerCredit } from '../../supervisor/schemas';
import { label } from '../../i18n';
import { Dialog } from '../Dialog';
import { dateTime } from '../format';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';
import { useChange } from './UtterancesPanel';

export function CreditPage() {
  const { s, t, lang } = useContext(SvCtx);
  const [buyers, reload] = useLoad(() => api.buyers(), []);
  const [editing, setEditing] = useState<{ buyer: BuyerCredit; clear: boolean } | null>(null);
  return (
    <section class="sv-page">
      <Loaded load={buyers} retry={reload}>
        {(v) =>
          v.buyers.length === 0 ? (
            <p class="muted pad">{s.noBuyers}</p>
          ) : (
            <table class="grid">
              <thead><tr><th>{s.buyer}</th><th>{s.level}</th><th>{s.computed}</th><th>{s.reasons}</th><th>{s.override}</th><th /></tr></thead>
              <tbody>
                {v.buyers.map((b) => (
                  <tr data-buyer={b.buyerId}>
                    <td>{b.name ?? b.externalId} <span class="muted mono">{b.externalId}</span></td>
                    <td><span class={`level ${b.level}`}>{label(t.creditLevels, b.level)}</span></td>
                    <td>{label(t.creditLevels, b.computedLevel)}</td>
                    <td>{b.reasons.map((r) => <div>{lang === 'en' ? r.message.en : r.message.zh}</div>)}</td>
                    <td>{b.override ? <><b>{label(t.creditLevels, b.override.level)}</b>: {b.override.note} <div class="muted">{s.overrideBy(b.override.byName ?? '?', dateTime(b.override.at, lang))}</div></> : '—'}</td>
                    <td class="actions">
                      <button type="button" onClick={() => setEditing({ buyer: b, clear: false })}>{s.setOverride}</button>
                      {b.override && <button type="button" class="link" onClick={() => setEditing({ buyer: b, clear: true })}>{s.clearOverride}</button>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {editing && <OverrideDialog buyer={editing.buyer} clear={editing.clear} onClose={() => setEditing(null)} onDone={() => (setEditing(null), reload())} />}
    </section>
  );
}

function OverrideDialog({ buyer, clear, onClose, onDone }: { buyer: BuyerCredit; clear: boolean; onClose(): void; onDone(): void }) {
  const { s, t } = useContext(SvCtx);
  const [level, setLevel] = useState(buyer.level);
  const [note, setNote] = useState('');
  const change = useChange();
  const submit = () => change(() => (clear ? api.clearOverride(buyer.buyerId, note.trim()) : api.override(buyer.buyerId, { level, note: note.trim() })), onDone);
  return (
    <Dialog title={clear ? s.clearOverride : s.setOverride} onClose={onClose}>
      <form class="form" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <p>{buyer.name ?? buyer.externalId}</p>
        {!clear && (
          <select aria-label={s.level} value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
            {Object.entries(t.creditLevels).map(([k, v]) => (
              <option value={k}>{v}</option>
            ))}
          </select>
        )}
        <textarea aria-label={s.note} placeholder={s.note} required maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={!note.trim()}>
          {s.save}
        </button>
      </form>
    </Dialog>
  );
}
