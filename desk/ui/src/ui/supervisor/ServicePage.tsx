// Service figures: bot containment, handoff rate by intent, and per day or per agent first response, handling
// time, SLA breaches and CSAT.
import { useContext, useState } from 'preact/hooks';
import * as api from '../../supervisor/api';
import { ms, pct } from '../../supervisor/format';
import type { Service } from '../../supervisor/schemas';
import { ChartView } from './Chart';
import { SvCtx } from './context';
import { DateRange, defaultRange } from './DateRange';
import { Loaded, useLoad } from './Loaded';

export function ServicePage() {
  const { s } = useContext(SvCtx);
  const [range, setRange] = useState(defaultRange);
  const [by, setBy] = useState<'day' | 'agent'>('day');
  const [load, retry] = useLoad(() => api.service(by, { ...range }), [by, range]);
  return (
    <section class="sv-page">
      <div class="toolbar">
        <DateRange value={range} onChange={setRange} />
        <select aria-label={s.byDay} value={by} onChange={(e) => setBy(e.currentTarget.value as 'day' | 'agent')}>
          <option value="day">{s.byDay}</option>
          <option value="agent">{s.byAgent}</option>
        </select>
      </div>
      <Loaded load={load} retry={retry}>
        {(v) => (
          <div class="cards">
            <div class="card">
              <h3>{s.containment}</h3>
              <p class="big" data-containment>{pct(v.containment.rate)}</p>
              <p class="muted">
                {s.conversations} {v.containment.conversations} · {s.handedOff} {v.containment.handedOff}
              </p>
            </div>
            <div class="card">
              <h3>{s.handoffByIntent}</h3>
              {v.handoffsByIntent.length === 0 ? (
                <p class="muted">{s.empty}</p>
              ) : (
                <ChartView
                  label={s.handoffByIntent}
                  height={Math.max(140, v.handoffsByIntent.length * 22)}
                  config={{
                    type: 'bar',
                    data: { labels: v.handoffsByIntent.map((h) => h.intent), datasets: [{ label: s.handedOff, data: v.handoffsByIntent.map((h) => h.rate ?? 0), backgroundColor: '#f79009' }] },
                    options: { indexAxis: 'y', plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => { const h = v.handoffsByIntent[c.dataIndex]!; return `${pct(h.rate)} (${h.handedOff}/${h.conversations})`; } } } }, scales: { x: { beginAtZero: true, max: 1, ticks: { callback: (x) => pct(Number(x), 0) } } } },
                  }}
                />
              )}
            </div>
            <div class="card wide">
              <Rows rows={v.rows.filter((r) => r.handoffs > 0)} by={by} />
            </div>
          </div>
        )}
      </Loaded>
    </section>
  );
}

/** The days or agents with handoffs: a row of zeros for each quiet day would bury the few that had any. */
function Rows({ rows, by }: { rows: Service['rows']; by: 'day' | 'agent' }) {
  const { s } = useContext(SvCtx);
  if (rows.length === 0) return <p class="muted pad">{s.empty}</p>;
  return (
    <table class="grid">
      <thead>
        <tr><th>{by === 'day' ? s.byDay : s.byAgent}</th><th>{s.handoffs}</th><th>{s.firstResponse}</th><th>{s.handling}</th><th>{s.slaBreaches}</th><th>{s.csat}</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>{r.key === null ? s.unclaimed : r.label}</td>
            <td>{r.handoffs}</td>
            <td>{ms(r.firstResponse.avgMs)} <span class="muted">(max {ms(r.firstResponse.maxMs)})</span></td>
            <td>{ms(r.handling.avgMs)} <span class="muted">(max {ms(r.handling.maxMs)})</span></td>
            <td class={r.slaBreaches > 0 ? 'bad' : ''}>{r.slaBreaches}</td>
            <td>{r.csat.average === null ? '—' : `${r.csat.average.toFixed(2)} / 5 (${r.csat.count})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
