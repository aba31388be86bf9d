// A modal dialog on the native <dialog> element: focus moves in and back, Esc closes, the page behind is inert.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Dialog({ title, onClose, children, wide }: { title: string; onClose(): void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    ref.current?.showModal();
    return () => back?.focus();
  }, []);
  return (
    <dialog ref={ref} class={`modal ${wide ? 'wide' : ''}`} aria-label={title} onCancel={(e) => (e.preventDefault(), onClose())}>
      <header>
        <h2>{title}</h2>
        <button type="button" class="icon" aria-label="×" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}

/** A yes/no question before a move that cannot be undone. The labels come from the caller's own strings, so the
 * dialog works under any workspace's context. */
export function Confirm({ title, text, cancelLabel, onConfirm, onClose, busy }: { title: string; text: string; cancelLabel: string; onConfirm(): void; onClose(): void; busy?: boolean }) {
  return (
    <Dialog title={title} onClose={onClose}>
      <p class="confirm-text">{text}</p>
      <footer>
        <button type="button" class="ghost" onClick={onClose}>
          {cancelLabel}
        </button>
        <button type="button" class="primary" disabled={busy} onClick={onConfirm} autofocus>
          {title}
        </button>
      </footer>
    </Dialog>
  );
}

/** The end of a form dialog: the server's refusal if any, then cancel and submit. */
export function FormFooter({ error, cancelLabel, submitLabel, disabled, onCancel }: { error: string | null; cancelLabel: string; submitLabel: string; disabled: boolean; onCancel(): void }) {
  return (
    <>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <footer>
        <button type="button" class="ghost" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" class="primary" disabled={disabled}>
          {submitLabel}
        </button>
      </footer>
    </>
  );
}
