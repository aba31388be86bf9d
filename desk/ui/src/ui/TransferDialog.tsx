// Transfer a held conversation back to the queue, or (supervisors, who can list the accounts) to an agent.
import { useContext, useEffect, useState } from 'preact/hooks';
import * as api from '../api';
import { label } from '../i18n';
import { handoffStateSchema, parsed, type AgentProfile, type HandoffState } from '../protocol';
import { Ctx } from './context';
import { Dialog } from './Dialog';
import { errorText } from './errors';

export function TransferDialog({ handoff, onClose }: { handoff: HandoffState; onClose(): void }) {
  const { t, lang, me, conn, dispatch, toast } = useContext(Ctx);
  const [agents, setAgents] = useState<AgentProfile[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (me?.role === 'supervisor') void api.agents().then((r) => r.ok && setAgents(r.value.filter((a) => a.id !== me.id)));
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
        {agents.map((a) => (
          <button type="button" onClick={() => move(a.id)}>
            {a.name} <span class="muted">{label(t.roles, a.role)}</span>
          </button>
        ))}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
