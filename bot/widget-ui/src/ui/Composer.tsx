// The buyer's text input: a labelled field and a send button.
import type { Ref } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { Ctx } from './context';

const MAX_LENGTH = 2000;

export function Composer({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const { t, say } = useContext(Ctx);
  const [text, setText] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    say(trimmed);
    setText('');
  };
  return (
    <form class="composer" onSubmit={submit}>
      <label class="sr-only" for="kd-input">
        {t.inputLabel}
      </label>
      <input
        id="kd-input"
        ref={inputRef}
        type="text"
        autocomplete="off"
        maxLength={MAX_LENGTH}
        placeholder={t.placeholder}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit" class="primary" disabled={!text.trim()}>
        {t.send}
      </button>
    </form>
  );
}
