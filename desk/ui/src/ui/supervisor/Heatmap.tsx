// The hour-of-week heatmap: 7 days × 24 hours (CST) coloured by cancellation rate, the peak cell named.
import { useContext, useMemo } from 'preact/hooks';
import * as api from '../../supervisor/api';
import type { Cell } from '../../supervisor/schemas';
import { pct } from '../../supervisor/format';
import { ChartView } from './Chart';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';

export function Heatmap({ filters }: { filters: api.Filters }) {
  const { s } = useContext(SvCtx);
  const [load, retry] = useLoad(() => api.heatmap(filters), [JSON.stringify(filters)]);
  return (
    <Loaded load={load} retry={retry}>
      {(v) => (
        <div class="heatmap" data-peak={v.peak ? `${v.peak.dow}-${v.peak.hour}` : ''}>
          {v.peak && <p class="peak">{s.peak(s.days[v.peak.dow]!, v.peak.hour, pct(v.peak.rate))}</p>}
          <Matrix cells={v.cells} />
        </div>
      )}
    </Loaded>
  );
}

function Matrix({ cells }: { cells: Cell[] }) {
  const { s } = useContext(SvCtx);
  const config = useMemo(() => {
    // Colour by rate relative to the highest rate among cells with orders, so the spike stands out at any level.
    const max = Math.max(0.0001, ...cells.filter((c) => c.orders > 0).map((c) => c.rate ?? 0));
    const data = cells.map((c) => ({ x: c.hour, y: c.dow, v: c.rate, n: c.orders }));
    return {
      type: 'matrix' as const,
      data: {
        datasets: [
          {
            label: s.heatmap,
            data,
            backgroundColor: (ctx: { raw?: { v: number | null; n: number } }) => (ctx.raw?.n ? `rgba(217, 45, 32, ${0.06 + 0.94 * ((ctx.raw.v ?? 0) / max)})` : '#f2f4f7'),
            borderWidth: 1,
            borderColor: '#fff',
            width: ({ chart }: { chart: { chartArea?: { width: number } } }) => (chart.chartArea?.width ?? 0) / 24 - 1,
            height: ({ chart }: { chart: { chartArea?: { height: number } } }) => (chart.chartArea?.height ?? 0) / 7 - 1,
          },
        ],
      },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: () => '', label: (c: { raw: unknown }) => { const r = c.raw as { x: number; y: number; v: number | null; n: number }; return `${s.days[r.y]} ${r.x}:00 — ${pct(r.v)} (${r.n})`; } } },
        },
        scales: {
          x: { type: 'linear' as const, min: -0.5, max: 23.5, offset: false, ticks: { stepSize: 1 }, grid: { display: false } },
          y: { type: 'linear' as const, min: -0.5, max: 6.5, reverse: true, offset: false, ticks: { stepSize: 1, callback: (v: unknown) => s.days[Number(v)] ?? '' }, grid: { display: false } },
        },
      },
    };
  }, [cells, s]);
  return <ChartView label={s.heatmap} height={230} config={config as never} />;
}
