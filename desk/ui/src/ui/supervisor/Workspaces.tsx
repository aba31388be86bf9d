// A supervisor's frame: the workspace tabs (Desk | intent tuning | cancellations | service | credit) above the
// desk or a supervisor page. The desk stays mounted while hidden, so its connection and SLA alerts carry on.
import type { ComponentChildren } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { TEXTS, type Lang } from '../../i18n';
import { SUPERVISOR_TEXTS } from '../../supervisor/texts';
import { Ctx, type DeskContext, type Toast } from '../context';
import { AnalyticsPage } from './AnalyticsPage';
import { SvCtx } from './context';
import { CreditPage } from './CreditPage';
import { IntentsPage } from './IntentsPage';
import { ServicePage } from './ServicePage';

const VIEWS = ['desk', 'intents', 'analytics', 'service', 'credit'] as const;
type View = (typeof VIEWS)[number];
const VIEW_KEY = 'kadesk.desk.view';

export function Workspaces({ lang, desk }: { lang: Lang; desk: ComponentChildren }) {
  const s = SUPERVISOR_TEXTS[lang];
  const [view, setView] = useState<View>(() => ((VIEWS as readonly string[]).includes(sessionStorage.getItem(VIEW_KEY) ?? '') ? (sessionStorage.getItem(VIEW_KEY) as View) : 'desk'));
  const [toasts, setToasts] = useState<Array<Toast & { id: number }>>([]);
  const toast = useCallback((item: Toast) => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list.slice(-3), { ...item, id }]);
    setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), item.kind === 'error' ? 8000 : 3500);
  }, []);
  const go = (v: View) => (sessionStorage.setItem(VIEW_KEY, v), setView(v));

  return (
    <SvCtx.Provider value={{ t: TEXTS[lang], s, lang, toast }}>
      <div class="workspaces">
        <nav class="workspace-tabs" aria-label="workspaces">
          {VIEWS.map((v) => (
            <button type="button" class={v === view ? 'on' : ''} aria-current={v === view ? 'page' : undefined} data-view={v} onClick={() => go(v)}>
              {s.nav[v]}
            </button>
          ))}
        </nav>
        <div class="workspace-body" hidden={view !== 'desk'}>
          {desk}
        </div>
        {/* The shared dialogs (Confirm) read the desk's strings from its context: the pages need only those. */}
        <Ctx.Provider value={{ t: TEXTS[lang], lang, toast } as Pick<DeskContext, 't' | 'lang' | 'toast'> as DeskContext}>
          {view === 'intents' && <IntentsPage />}
          {view === 'analytics' && <AnalyticsPage />}
          {view === 'service' && <ServicePage />}
          {view === 'credit' && <CreditPage />}
        </Ctx.Provider>
        <div class="toasts" aria-live="polite">
          {toasts.map((x) => (
            <div class={`toast ${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
              {x.text}
            </div>
          ))}
        </div>
      </div>
    </SvCtx.Provider>
  );
}
