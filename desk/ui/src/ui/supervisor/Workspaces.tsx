// A supervisor's frame: the workspace tabs (Desk | intent tuning | cancellations | service | credit | canned) above the
// desk or a supervisor page. The desk stays mounted while hidden, so its connection and SLA alerts carry on.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { TEXTS, type Lang } from '../../i18n';
import { SUPERVISOR_TEXTS } from '../../supervisor/texts';
import { Toasts, useToasts } from '../toasts';
import { AnalyticsPage } from './AnalyticsPage';
import { CannedPage } from './CannedPage';
import { SvCtx } from './context';
import { CreditPage } from './CreditPage';
import { IntentsPage } from './IntentsPage';
import { ServicePage } from './ServicePage';

const VIEWS = ['desk', 'intents', 'analytics', 'service', 'credit', 'canned'] as const;
type View = (typeof VIEWS)[number];
const VIEW_KEY = 'kadesk.desk.view';

export function Workspaces({ lang, desk }: { lang: Lang; desk: ComponentChildren }) {
  const s = SUPERVISOR_TEXTS[lang];
  const [view, setView] = useState<View>(() => ((VIEWS as readonly string[]).includes(sessionStorage.getItem(VIEW_KEY) ?? '') ? (sessionStorage.getItem(VIEW_KEY) as View) : 'desk'));
  const { toasts, toast } = useToasts();
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
        {view === 'intents' && <IntentsPage />}
        {view === 'analytics' && <AnalyticsPage />}
        {view === 'service' && <ServicePage />}
        {view === 'credit' && <CreditPage />}
        {view === 'canned' && <CannedPage />}
        <Toasts toasts={toasts} />
      </div>
    </SvCtx.Provider>
  );
}
