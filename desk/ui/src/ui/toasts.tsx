// Short-lived notices in the corner, shared by the desk and the supervisor pages: the last four at most, errors
// stay longer so there is time to read them.
import { useCallback, useState } from 'preact/hooks';
import type { Toast } from './context';

const SHOWN = 4;
const LIFETIME_MS = { ok: 3500, error: 8000 } as const;

type Shown = Toast & { id: number };

export function useToasts(): { toasts: Shown[]; toast(item: Toast): void } {
  const [toasts, setToasts] = useState<Shown[]>([]);
  const toast = useCallback((item: Toast) => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list.slice(1 - SHOWN), { ...item, id }]);
    setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), LIFETIME_MS[item.kind]);
  }, []);
  return { toasts, toast };
}

export function Toasts({ toasts }: { toasts: Shown[] }) {
  return (
    <div class="toasts" aria-live="polite">
      {toasts.map((x) => (
        <div key={x.id} class={`toast ${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
          {x.text}
        </div>
      ))}
    </div>
  );
}
