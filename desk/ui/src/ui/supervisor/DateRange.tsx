// The date-range filter every analytics view shares: China-time calendar days, 30 days ending today by default.
import { useContext, useState } from 'preact/hooks';
import { cstDay } from '../../supervisor/format';
import { SvCtx } from './context';

export interface Range {
  from: string;
  to: string;
}

export const defaultRange = (): Range => ({ from: cstDay(29), to: cstDay(0) });

export function DateRange({ value, onChange }: { value: Range; onChange(r: Range): void }) {
  const { s } = useContext(SvCtx);
  const [draft, setDraft] = useState(value);
  return (
    <form class="range" onSubmit={(e) => (e.preventDefault(), onChange(draft))}>
      <label>
        {s.from} <input type="date" name="from" value={draft.from} max={draft.to} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
      </label>
      <label>
        {s.to} <input type="date" name="to" value={draft.to} min={draft.from} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
      </label>
      <button type="submit">{s.apply}</button>
    </form>
  );
}
