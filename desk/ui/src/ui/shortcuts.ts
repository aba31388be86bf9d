// Keyboard shortcuts. Letter keys act only outside text fields; each one presses the visible control that
// carries its `data-shortcut`, so a shortcut does exactly what the button does (confirmations included).
import { useEffect } from 'preact/hooks';
import type { DeskState } from '../desk-state';
import type { HandoffView } from '../protocol';
import type { DeskContext } from './context';

const PRESS: Record<string, string> = { c: 'claim', n: 'note-mode', '/': 'canned' };

function press(name: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-shortcut="${name}"]:not([disabled])`);
  el?.click();
  return Boolean(el);
}

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

interface Options {
  list: HandoffView[];
  state: DeskState;
  ctx: DeskContext;
  helpOpen: boolean;
  openHelp(): void;
  closeHelp(): void;
}

export function useShortcuts({ list, state, ctx, helpOpen, openHelp, closeHelp }: Options): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.metaKey || (e.ctrlKey && e.key !== 'Enter')) return;
      if (e.key === 'Escape') {
        if (helpOpen) closeHelp();
        else if (typing(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (typing(e.target) || document.querySelector('dialog[open]')) return;
      const at = list.findIndex((h) => h.handoffId === state.selectedId);
      const key = e.key.toLowerCase();
      if (key === 'j' || key === 'k') {
        const next = list[key === 'j' ? Math.min(list.length - 1, at + 1) : Math.max(0, at - 1)];
        if (next) ctx.dispatch({ type: 'select', handoffId: next.handoffId });
      } else if (e.key === '?') openHelp();
      else if (key === 'r') document.getElementById('composer')?.focus();
      else if (PRESS[key]) {
        if (!press(PRESS[key])) return;
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list, state.selectedId, helpOpen]);
}
