// Canned responses in a searchable list (zh first for a zh desk); the chosen one is rendered by the server
// with this conversation's variables (order number, amount, expected refund date…) and lands in the composer.
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Canned } from '../protocol';
import { Ctx } from './context';

export function CannedPicker({ canned, onPick, onClose }: { canned: Canned[]; onPick(c: Canned): void; onClose(): void }) {
  const { t, lang } = useContext(Ctx);
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const mine = lang === 'en' ? 'en' : 'zh';
  const q = query.trim().toLowerCase();
  const shown = canned
    .filter((c) => !q || c.shortcut.includes(q) || c.title.toLowerCase().includes(q) || c.body.toLowerCase().includes(q))
    .sort((a, b) => Number(b.lang === mine) - Number(a.lang === mine) || a.shortcut.localeCompare(b.shortcut));
  const choose = (c: Canned | undefined) => c && onPick(c);

  return (
    <div class="canned" role="dialog" aria-label={t.canned}>
      <input
        ref={input}
        type="search"
        aria-label={t.cannedSearch}
        placeholder={t.cannedSearch}
        value={query}
        onInput={(e) => (setQuery(e.currentTarget.value), setAt(0))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') (e.preventDefault(), setAt(Math.min(shown.length - 1, at + 1)));
          else if (e.key === 'ArrowUp') (e.preventDefault(), setAt(Math.max(0, at - 1)));
          else if (e.key === 'Enter') (e.preventDefault(), choose(shown[at]));
          else if (e.key === 'Escape') (e.preventDefault(), e.stopPropagation(), onClose());
        }}
      />
      {shown.length === 0 ? (
        <p class="muted pad">{t.noCanned}</p>
      ) : (
        <ul role="listbox">
          {shown.map((c, i) => (
            <li role="option" aria-selected={i === at} class={i === at ? 'active' : ''} onMouseDown={(e) => (e.preventDefault(), choose(c))}>
              <span class="shortcut">/{c.shortcut}</span>
              <span class="lang">{c.lang}</span>
              <strong>{c.title}</strong>
              <span class="body">{c.body}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
