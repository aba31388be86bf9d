// The audit trail of supervisor changes, newest first: who, when, what, before and after.
import { useContext, useState } from 'preact/hooks';
import * as api from '../../supervisor/api';
import { dateTime } from '../format';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? Object.values(v as object).join(' · ') : String(v));

export function AuditPanel() {
  const { s, lang } = useContext(SvCtx);
  const [area, setArea] = useState('intents');
  const [audit, reload] = useLoad(() => api.audit(area), [area]);
  return (
    <div>
      <div class="toolbar">
        <select aria-label={s.action} value={area} onChange={(e) => setArea(e.currentTarget.value)}>
          {['intents', 'models', 'credit'].map((a) => (
            <option value={a}>{a}</option>
          ))}
        </select>
      </div>
      <Loaded load={audit} retry={reload}>
        {(v) => (
          <table class="grid">
            <thead><tr><th>{s.when}</th><th>{s.actor}</th><th>{s.action}</th><th>{s.before}</th><th>{s.after}</th><th>{s.note}</th></tr></thead>
            <tbody>
              {v.audit.map((a) => (
                <tr>
                  <td class="muted">{dateTime(a.createdAt, lang)}</td>
                  <td>{a.actorName ?? '—'}</td>
                  <td class="mono">{a.action}</td>
                  <td>{show(a.before)}</td>
                  <td>{show(a.after)}</td>
                  <td>{a.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </div>
  );
}
