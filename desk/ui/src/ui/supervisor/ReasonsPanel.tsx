// Cancellation reasons: by category and by reason code, and the daily trend stacked by category.
import { useContext, useMemo } from 'preact/hooks';
import * as api from '../../supervisor/api';
import type { Reasons } from '../../supervisor/schemas';
import { label } from '../../i18n';
import { pct } from '../../supervisor/format';
import { yuan } from '../format';
import { ChartView } from './Chart';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';

const COLOURS: Record<string, string> = { user_initiated: '#1f6feb', merchant_fault: '#f79009', system_fault: '#d92d20' };

export function ReasonsPanel({ filters }: { filters: api.Filters }) {
  const { s } = useContext(SvCtx);
  const [load, retry] = useLoad(() => api.reasons(filters), [JSON.stringify(filters)]);
  return (
    <>
      <h3>{s.reasonsTitle}</h3>
      <Loaded load={load} retry={retry}>
        {(v) => <ReasonCharts r={v} />}
      </Loaded>
    </>
  );
}

function ReasonCharts({ r }: { r: Reasons }) {
  const { s, t } = useContext(SvCtx);
  const trend = useMemo(
    () => ({
      type: 'bar' as const,
      data: {
        labels: r.trend.map((d) => d.day.slice(5)),
        datasets: r.byCategory.map((c) => ({ label: label(t.categories, c.category), data: r.trend.map((d) => d.byCategory[c.category] ?? 0), backgroundColor: COLOURS[c.category] ?? '#98a2b3' })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }),
    [r, t],
  );
  const byReason = useMemo(
    () => ({
      type: 'bar' as const,
      data: { labels: r.byReason.map((x) => label(t.reasonCodes, x.reasonCode)), datasets: [{ label: s.byReason, data: r.byReason.map((x) => x.count), backgroundColor: r.byReason.map((x) => COLOURS[x.category] ?? '#98a2b3') }] },
      options: { indexAxis: 'y' as const, plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c: { dataIndex: number }) => { const x = r.byReason[c.dataIndex]!; return `${x.count} (${pct(x.share)}), ${yuan(x.refundedCents)}`; } } } } },
    }),
    [r, t],
  );
  return (
    <div class="reasons">
      <div>
        <h4>{s.byCategory}</h4>
        <ul class="shares">
          {r.byCategory.map((c) => (
            <li>
              <i style={{ background: COLOURS[c.category] }} /> {label(t.categories, c.category)} <b>{c.count}</b> <span class="muted">{pct(c.share)}</span>
            </li>
          ))}
        </ul>
        <h4>{s.byReason}</h4>
        <ChartView label={s.byReason} height={220} config={byReason} />
      </div>
      <div>
        <h4>{s.trend}</h4>
        <ChartView label={s.trend} height={300} config={trend} />
      </div>
    </div>
  );
}
