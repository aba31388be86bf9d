// The open conversation's state line and its moves: claim (losing a race is said plainly), supervisor takeover,
// tag, transfer, hand back to the bot, close (a cancellation needs a tag first: the server's rule, said up front).
import { useContext, useState } from 'preact/hooks';
import { holdsIt } from '../desk-state';
import { label } from '../i18n';
import { handoffStateSchema, handoffViewSchema, parsed, type DeskError, type HandoffView } from '../protocol';
import { Ctx } from './context';
import { SlaClock, Waiting } from './Countdown';
import { Confirm } from './Dialog';
import { errorText } from './errors';
import { TagDialog } from './TagDialog';
import { TransferDialog } from './TransferDialog';

type Open = null | 'tag' | 'tag-to-close' | 'transfer' | 'close' | 'bot';

export function ConversationHeader({ handoff: h, onNotice }: { handoff: HandoffView; onNotice(text: string | null): void }) {
  const { t, lang, me, conn, dispatch, toast } = useContext(Ctx);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const mine = holdsIt(h, me);

  const failed = (error: DeskError) => {
    // The refusal names the winner; an older server's carries only an id, and the winner's update may have arrived.
    const winner = typeof error.details?.claimedByName === 'string' ? error.details.claimedByName : h.claimedByName;
    if (error.code === 'HANDOFF_TAKEN') onNotice(winner ? t.claimTaken(winner) : errorText(lang, error));
    else if (error.code === 'TAG_REQUIRED') setOpen('tag-to-close');
    else toast({ kind: 'error', text: errorText(lang, error) });
  };

  const take = async (event: 'handoff:claim' | 'handoff:takeover') => {
    setBusy(true);
    const r = await conn.request(event, { handoffId: h.handoffId });
    setBusy(false);
    if (!r.ok) return failed(r.error);
    onNotice(null);
    for (const view of parsed(handoffViewSchema, r.data.handoff)) dispatch({ type: 'view', handoff: view });
    document.getElementById('composer')?.focus();
  };

  const close = async (to: 'closed' | 'bot') => {
    setBusy(true);
    const r = await conn.request('handoff:close', { handoffId: h.handoffId, to });
    setBusy(false);
    setOpen(null);
    if (!r.ok) return failed(r.error);
    for (const state of parsed(handoffStateSchema, r.data.handoff)) dispatch({ type: 'state', state });
    toast({ kind: 'ok', text: to === 'bot' ? `${t.handBack}: ${t.actionDone}` : t.closed });
  };

  const needsTag = h.involvesCancellation && !h.tags;
  return (
    <header class="conv-head">
      <div class="conv-title">
        <h1>
          {h.buyer.name ?? h.buyer.externalId} <span class="muted">#{h.handoffId}</span>
        </h1>
        <div class="conv-meta">
          <span class={`pill status-${h.status}`} data-status={h.status}>
            {h.status === 'queued' ? t.queued : h.status === 'closed' ? t.closed : t.claimedBy(h.claimedByName ?? '—')}
          </span>
          <span class="pill">{label(t.reasons, h.reason)}</span>
          <span class={`prio p${Math.min(h.priority, 9)}`}>P{h.priority}</span>
          {h.status !== 'closed' && <SlaClock handoff={h} />}
          {h.status !== 'closed' && (
            <span class="muted">
              {t.waiting} <Waiting since={h.createdAt} />
            </span>
          )}
          {h.tags && (
            <span class="pill tag" data-tag={`${h.tags.category}/${h.tags.reasonCode}`}>
              {label(t.categories, h.tags.category)} · {label(t.reasonCodes, h.tags.reasonCode)}
            </span>
          )}
          {needsTag && h.status !== 'closed' && <span class="pill warn">{t.tagRequired}</span>}
        </div>
      </div>
      <div class="conv-actions">
        {h.status === 'queued' && (
          <button type="button" class="primary" data-shortcut="claim" disabled={busy} onClick={() => take('handoff:claim')} aria-keyshortcuts="C">
            {t.claim} <kbd>C</kbd>
          </button>
        )}
        {h.status === 'claimed' && !mine && me?.role === 'supervisor' && (
          <button type="button" class="primary" disabled={busy} onClick={() => take('handoff:takeover')}>
            {t.takeover}
          </button>
        )}
        {mine && (
          <>
            <button type="button" onClick={() => setOpen('tag')}>
              {t.tag}
            </button>
            <button type="button" onClick={() => setOpen('transfer')}>
              {t.transfer}
            </button>
            <button type="button" onClick={() => setOpen('bot')}>
              {t.handBack}
            </button>
            <button type="button" class="danger" onClick={() => setOpen(needsTag ? 'tag-to-close' : 'close')}>
              {t.close}
            </button>
          </>
        )}
      </div>
      {(open === 'tag' || open === 'tag-to-close') && (
        <TagDialog handoff={h} why={open === 'tag-to-close' ? t.tagRequired : undefined} onClose={() => setOpen(null)} onTagged={open === 'tag-to-close' ? () => setOpen('close') : undefined} />
      )}
      {open === 'transfer' && <TransferDialog handoff={h} onClose={() => setOpen(null)} />}
      {open === 'close' && <Confirm cancelLabel={t.cancel} title={t.close} text={t.confirmClose} busy={busy} onConfirm={() => close('closed')} onClose={() => setOpen(null)} />}
      {open === 'bot' && <Confirm cancelLabel={t.cancel} title={t.handBack} text={t.confirmHandBack} busy={busy} onConfirm={() => close('bot')} onClose={() => setOpen(null)} />}
    </header>
  );
}
