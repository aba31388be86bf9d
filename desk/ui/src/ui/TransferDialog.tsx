// Transfer a held conversation back to the queue or to another agent. The roster (`agents:roster`) says who is
// online and how many chats each holds: offline or full agents are shown but cannot be picked.
import { useContext, useEffect, useState } from 'preact/hooks';
import { label } from '../i18n';
import { handoffStateSchema, parsed, rosterEntrySchema, type HandoffState, type RosterEntry } from '../protocol';
import { Ctx } from './context';
import { Dialog } from './Dialog';
import { errorText } from './errors';

export function TransferDialog({ handoff, onClose }: { handoff: HandoffState; onClose(): void }) {
  const { t, lang, me, conn, dispatch, toast } = useContext(Ctx);
  const [agents, setAgents] = useState<RosterEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void conn.request('agents:roster', {}).then((r) => {
      if (!r.ok) return setError(errorText(lang, r.error));
      const list = Array.isArray(r.data.agents) ? r.data.agents : [];
      setAgents(list.flatMap((a) => parsed(rosterEntrySchema, a)).filter((a) => a.id !== me?.id));
    });
  }, []);

  const move = async (toAgentId: number | null) => {
    const r = await conn.request('handoff:transfer', { handoffId: handoff.handoffId, toAgentId });
    if (!r.ok) return setError(errorText(lang, r.error));
    for (const state of parsed(handoffStateSchema, r.data.handoff)) dispatch({ type: 'state', state });
    toast({ kind: 'ok', text: `${t.transfer}: ${t.actionDone}` });
    onClose();
  };

  return (
    <Dialog title={t.transfer} onClose={onClose}>
      <div class="transfer-list">
        <button type="button" onClick={() => move(null)}>
          {t.transferToQueue}
        </button>
        {agents?.length === 0 && <p class="muted">{t.rosterEmpty}</p>}
        {agents?.map((a) => {
          const full = a.held >= a.maxChats;
          return (
            <button type="button" data-agent={a.id} disabled={!a.online || full} onClick={() => move(a.id)}>
              <span class={`presence ${a.online ? 'on' : 'off'}`} aria-hidden="true" />
              {a.name} <span class="muted">{label(t.roles, a.role)}</span>{' '}
              <span class="muted">{!a.online ? t.rosterOffline : full ? t.rosterFull : t.rosterLoad(a.held, a.maxChats)}</span>
            </button>
          );
        })}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
