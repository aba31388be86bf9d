// The hour-of-week heatmap: weekdays × hours 0–23 (CST). A cell's colour is how surely its cancellation rate is
// high (the low end of its confidence interval, supervisor/heatmap.ts); cells with too few orders are drawn small
// and grey. The hottest cells are named, and listed in `data-top` ("dow-hour", hottest first) for tests, with the
// days they were counted over in `data-range`.
import { useContext, useMemo } from 'preact/hooks';
import * as api from '../../supervisor/api';
import { hottest, weigh, type WeighedCell } from '../../supervisor/heatmap';
import { pct } from '../../supervisor/format';
import { ChartView } from './Chart';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h));
const TOP = 5;
const GREY = '#e4e7ec';

export function Heatmap({ filters }: { filters: api.Filters }) {
  const { s } = useContext(SvCtx);
  const [load, retry] = useLoad(() => api.heatmap(filters), [JSON.stringify(filters)]);
  return (
    <Loaded load={load} retry={retry}>
      {(v) => {
        const cells = weigh(v.cells);
        const top = hottest(cells).slice(0, TOP);
        const peak = top[0];
        return (
          <div class="heatmap" data-peak={peak ? `${peak.dow}-${peak.hour}` : ''} data-top={top.map((c) => `${c.dow}-${c.hour}`).join(' ')} data-range={`${v.from}..${v.to}`}>
            {peak ? <p class="peak">{s.peak(s.days[peak.dow]!, peak.hour, pct(peak.rate), peak.orders)}</p> : <p class="muted">{s.noOrders}</p>}
            <Matrix cells={cells} />
            <p class="muted legend">{s.heatmapLegend}</p>
          </div>
        );
      }}
    </Loaded>
  );
}

function Matrix({ cells }: { cells: WeighedCell[] }) {
  const { s } = useContext(SvCtx);
  const config = useMemo(() => {
    // Stretch the colour between the coolest and the hottest reliable cell, so a spike stands out at any level.
    const lows = cells.filter((c) => c.reliable).map((c) => c.low);
    const min = Math.min(...lows);
    const span = Math.max(1e-4, Math.max(...lows) - min);
    const data = cells.map((c) => ({ x: String(c.hour), y: s.days[c.dow]!, cell: c }));
    type Ctx = { raw?: (typeof data)[number]; chart: { chartArea?: { width: number; height: number } } };
    const fill = ({ raw }: Ctx) => (raw?.cell.reliable ? `rgba(217, 45, 32, ${0.08 + 0.92 * ((raw.cell.low - min) / span)})` : GREY);
    const size = (side: 'width' | 'height', slots: number) => ({ chart, raw }: Ctx) => ((chart.chartArea?.[side] ?? 0) / slots - 2) * (raw?.cell.reliable ? 1 : 0.5);
    return {
      type: 'matrix' as const,
      data: { datasets: [{ label: s.heatmap, data, backgroundColor: fill, borderWidth: 0, width: size('width', 24), height: size('height', 7) }] },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items: Array<{ raw: unknown }>) => {
                const { cell } = items[0]!.raw as (typeof data)[number];
                return `${s.days[cell.dow]} ${cell.hour}:00–${cell.hour + 1}:00`;
              },
              label: (item: { raw: unknown }) => {
                const { cell } = item.raw as (typeof data)[number];
                return s.heatmapCell(pct(cell.rate), pct(cell.low), cell.cancelled, cell.orders);
              },
            },
          },
        },
        scales: {
          x: { type: 'category' as const, labels: HOURS, offset: true, grid: { display: false }, title: { display: true, text: s.hourAxis } },
          // A vertical category axis puts its first label at the bottom: Sunday first puts Monday on top, as in a calendar.
          y: { type: 'category' as const, labels: [...s.days].reverse(), offset: true, grid: { display: false } },
        },
      },
    };
  }, [cells, s]);
  return <ChartView label={s.heatmap} height={260} config={config as never} />;
}
