// Cancellation analytics over one date range (and product type): rate by day, by product/brand/merchant, the
// hour-of-week heatmap, reasons with their trend, abnormal-product alerts, the CSV export.
import { useContext, useMemo, useState } from 'preact/hooks';
import * as api from '../../supervisor/api';
import { pct } from '../../supervisor/format';
import { ChartView } from './Chart';
import { SvCtx } from './context';
import { DateRange, defaultRange } from './DateRange';
import { Heatmap } from './Heatmap';
import { Loaded, useLoad } from './Loaded';
import { ReasonsPanel } from './ReasonsPanel';

const TYPES = ['game_card', 'phone_topup', 'video_membership', 'gift_card'];
const pctAxis = { y: { beginAtZero: true, ticks: { callback: (v: unknown) => pct(Number(v), 0) } } };

export function AnalyticsPage() {
  const { s } = useContext(SvCtx);
  const [range, setRange] = useState(defaultRange);
  const [productType, setType] = useState('');
  const filters = { ...range, productType };
  return (
    <section class="sv-page analytics">
      <div class="toolbar">
        <DateRange value={range} onChange={setRange} />
        <select aria-label={s.productTypes.game_card} value={productType} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">{s.allTypes}</option>
          {TYPES.map((x) => (
            <option value={x}>{s.productTypes[x]}</option>
          ))}
        </select>
        <a class="button" href={api.reasonsCsvUrl(filters)} download="cancellation-reasons.csv">
          {s.exportCsv}
        </a>
      </div>
      <div class="cards">
        <div class="card wide"><h3>{s.heatmap}</h3><Heatmap filters={filters} /></div>
        <div class="card"><h3>{s.rateByDay}</h3><ByDay filters={filters} /></div>
        <div class="card"><Alerts filters={filters} /></div>
        <div class="card wide"><ByDimension filters={filters} /></div>
        <div class="card wide"><ReasonsPanel filters={filters} /></div>
      </div>
    </section>
  );
}

function ByDay({ filters }: { filters: api.Filters }) {
  const { s } = useContext(SvCtx);
  const [load, retry] = useLoad(() => api.rates('day', filters), [JSON.stringify(filters)]);
  return (
    <Loaded load={load} retry={retry}>
      {(v) => (
        <ChartView
          label={s.rateByDay}
          config={{
            type: 'line',
            data: { labels: v.rows.map((r) => r.label.slice(5)), datasets: [{ label: s.rate, data: v.rows.map((r) => r.rate), borderColor: '#1f6feb', backgroundColor: '#1f6feb33', fill: true, tension: 0.25, pointRadius: 2 }] },
            options: { plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `${pct(c.parsed.y)} (${v.rows[c.dataIndex]!.cancelled}/${v.rows[c.dataIndex]!.orders})` } } }, scales: pctAxis },
          }}
        />
      )}
    </Loaded>
  );
}

function ByDimension({ filters }: { filters: api.Filters }) {
  const { s } = useContext(SvCtx);
  const [by, setBy] = useState('product');
  const [sort, setSort] = useState<'orders' | 'rate'>('rate');
  const [load, retry] = useLoad(() => api.rates(by, filters), [by, JSON.stringify(filters)]);
  return (
    <>
      <div class="toolbar">
        <h3>{s.rateBy}</h3>
        <select aria-label={s.rateBy} value={by} onChange={(e) => setBy(e.currentTarget.value)}>
          {Object.entries(s.by).map(([k, v]) => (
            <option value={k}>{v}</option>
          ))}
        </select>
        <select aria-label="sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as 'orders' | 'rate')}>
          {Object.entries(s.sortBy).map(([k, v]) => (
            <option value={k}>{v}</option>
          ))}
        </select>
      </div>
      <Loaded load={load} retry={retry}>
        {(v) => <Bars rows={[...v.rows].sort((a, b) => (sort === 'rate' ? (b.rate ?? 0) - (a.rate ?? 0) : b.orders - a.orders)).slice(0, 25)} />}
      </Loaded>
    </>
  );
}

function Bars({ rows }: { rows: Array<{ label: string; rate: number | null; orders: number; cancelled: number }> }) {
  const { s } = useContext(SvCtx);
  const config = useMemo(
    () => ({
      type: 'bar' as const,
      data: { labels: rows.map((r) => r.label), datasets: [{ label: s.rate, data: rows.map((r) => r.rate ?? 0), backgroundColor: '#1f6feb' }] },
      options: {
        indexAxis: 'y' as const,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c: { parsed: { x: number }; dataIndex: number }) => `${pct(c.parsed.x)} (${rows[c.dataIndex]!.cancelled}/${rows[c.dataIndex]!.orders})` } } },
        scales: { x: { beginAtZero: true, ticks: { callback: (v: unknown) => pct(Number(v), 0) } } },
      },
    }),
    [rows],
  );
  return <ChartView label={s.rateBy} height={Math.max(160, rows.length * 22)} config={config} />;
}

function Alerts({ filters }: { filters: api.Filters }) {
  const { s } = useContext(SvCtx);
  const [load, retry] = useLoad(() => api.alerts(filters), [JSON.stringify(filters)]);
  return (
    <>
      <h3>{s.alerts}</h3>
      <Loaded load={load} retry={retry}>
        {(v) =>
          v.alerts.length === 0 ? (
            <p class="muted">{s.noAlerts}</p>
          ) : (
            <ul class="alert-list">
              {v.alerts.map((a) => (
                <li data-product={a.productId}>
                  <b>{a.name}</b> <span class="muted">{a.brand ?? ''}</span>
                  <div>{s.alertLine(pct(a.window.rate), pct(a.baseline.rate), a.z.toFixed(1))}</div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
