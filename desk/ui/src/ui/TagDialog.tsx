// Tagging a conversation with its cancellation category and reason code (required before closing one that
// involved a cancellation).
import { useContext, useState } from 'preact/hooks';
import { CANCEL_CATEGORIES, CANCEL_REASONS } from '../i18n';
import { handoffStateSchema, parsed, type HandoffState } from '../protocol';
import { CodeSelect } from './CodeSelect';
import { Ctx } from './context';
import { Dialog, FormFooter } from './Dialog';
import { errorText } from './errors';

export function TagDialog({ handoff, why, onClose, onTagged }: { handoff: HandoffState; why?: string; onClose(): void; onTagged?(): void }) {
  const { t, lang, conn, dispatch } = useContext(Ctx);
  const [category, setCategory] = useState(handoff.tags?.category ?? '');
  const [reasonCode, setReasonCode] = useState(handoff.tags?.reasonCode ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const r = await conn.request('handoff:tag', { handoffId: handoff.handoffId, category, reasonCode });
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    for (const state of parsed(handoffStateSchema, r.data.handoff)) dispatch({ type: 'state', state });
    onClose();
    onTagged?.();
  };

  return (
    <Dialog title={t.tag} onClose={onClose}>
      <form class="form" onSubmit={save}>
        {why && <p class="form-hint warn">{why}</p>}
        <CodeSelect name="category" title={t.tagCategory} codes={CANCEL_CATEGORIES} labels={t.categories} value={category} onChange={setCategory} />
        <CodeSelect name="reasonCode" title={t.tagReason} codes={CANCEL_REASONS} labels={t.reasonCodes} value={reasonCode} onChange={setReasonCode} />
        <FormFooter error={error} cancelLabel={t.cancel} submitLabel={t.saveTag} disabled={busy || !category || !reasonCode} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
