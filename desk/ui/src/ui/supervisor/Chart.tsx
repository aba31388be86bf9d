// A Chart.js chart on a canvas: drawn from its config, redrawn when the config changes, destroyed on unmount.
// Labels are drawn on the canvas, so server text never becomes HTML.
import { Chart, type ChartConfiguration } from 'chart.js/auto';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(MatrixController, MatrixElement);

export function ChartView({ config, height = 240, label }: { config: ChartConfiguration; height?: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
    return () => chart.destroy();
  }, [config]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
