// The open conversation: its header (state and moves), the transcript with private notes, the composer, and
// the buyer/order panel beside it.
import { useContext, useState } from 'preact/hooks';
import { holdsIt } from '../desk-state';
import type { Canned, HandoffView } from '../protocol';
import { BuyerPanel } from './BuyerPanel';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { Ctx } from './context';
import { Transcript } from './Transcript';

export function Conversation({ handoff, canned }: { handoff: HandoffView; canned: Canned[] }) {
  const { t, me, outbox } = useContext(Ctx);
  const [notice, setNotice] = useState<string | null>(null);
  const mine = holdsIt(handoff, me);
  const pending = outbox.pending.filter((o) => o.handoffId === handoff.handoffId);
  return (
    <div class="workspace" data-handoff={handoff.handoffId}>
      <section class="conversation" aria-label={handoff.buyer.name ?? handoff.buyer.externalId}>
        <ConversationHeader handoff={handoff} onNotice={setNotice} />
        {notice && (
          <div class="notice" role="alert">
            {notice}
            <button type="button" class="icon" aria-label={t.dismiss} onClick={() => setNotice(null)}>
              ×
            </button>
          </div>
        )}
        <Transcript handoff={handoff} pending={pending} />
        {handoff.status === 'closed' ? (
          <div class="composer-off">{t.closed}</div>
        ) : (
          <Composer handoff={handoff} canned={canned} canReply={mine} canNote={mine || me?.role === 'supervisor'} />
        )}
      </section>
      <BuyerPanel handoff={handoff} canAct={mine} />
    </div>
  );
}
