// Loading and error states for one API read: `useLoad` re-reads when its keys change; `<Loaded>` shows the
// spinner text, the error with a retry, or the data.
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import type { ApiResult } from '../../api';
import { errorText } from '../errors';
import { SvCtx } from './context';

export type Load<T> = { state: 'loading' } | { state: 'error'; text: string } | { state: 'ready'; value: T };

export function useLoad<T>(fetcher: () => Promise<ApiResult<T>>, keys: unknown[]): [Load<T>, () => void] {
  const { lang } = useContext(SvCtx);
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoad((l) => (l.state === 'ready' ? l : { state: 'loading' }));
    void fetcher().then((r) => live && setLoad(r.ok ? { state: 'ready', value: r.value } : { state: 'error', text: errorText(lang, r.error) }));
    return () => void (live = false);
  }, [...keys, tick]);
  return [load, useCallback(() => setTick((n) => n + 1), [])];
}

export function Loaded<T>({ load, retry, children }: { load: Load<T>; retry(): void; children(value: T): ComponentChildren }) {
  const { s } = useContext(SvCtx);
  if (load.state === 'loading') return <p class="muted pad" role="status">{s.loading}</p>;
  if (load.state === 'error')
    return (
      <p class="form-error" role="alert">
        {s.failed}: {load.text}{' '}
        <button type="button" class="link" onClick={retry}>
          {s.retry}
        </button>
      </p>
    );
  return <>{children(load.value)}</>;
}
