// Intent tuning: training utterances, the inbox of real buyer messages, model versions, the audit trail.
import { useContext, useState } from 'preact/hooks';
import * as api from '../../supervisor/api';
import { AuditPanel } from './AuditPanel';
import { SvCtx } from './context';
import { InboxPanel } from './InboxPanel';
import { Loaded, useLoad } from './Loaded';
import { ModelsPanel } from './ModelsPanel';
import { UtterancesPanel } from './UtterancesPanel';

const TABS = ['utterances', 'inbox', 'models', 'audit'] as const;

export function IntentsPage() {
  const { s } = useContext(SvCtx);
  const [tab, setTab] = useState<(typeof TABS)[number]>('utterances');
  const [overview, reload] = useLoad(api.intents, [tab]);
  return (
    <section class="sv-page">
      <nav class="subtabs" role="tablist">
        {TABS.map((x) => (
          <button type="button" role="tab" aria-selected={tab === x} class={tab === x ? 'on' : ''} onClick={() => setTab(x)}>
            {s.tabs[x]}
          </button>
        ))}
      </nav>
      <Loaded load={overview} retry={reload}>
        {(o) => {
          const names = o.intents.map((i) => i.intent);
          if (tab === 'utterances') return <UtterancesPanel intents={o.intents} onChanged={reload} />;
          if (tab === 'inbox') return <InboxPanel intents={names} />;
          if (tab === 'models') return <ModelsPanel />;
          return <AuditPanel />;
        }}
      </Loaded>
    </section>
  );
}
