// Satisfaction survey shown when a conversation closes: 1–5 stars and an optional comment.
import { useContext, useState } from 'preact/hooks';
import { Ctx } from './context';

export function CsatPrompt({ state, onSubmit }: { state: 'open' | 'sent'; onSubmit: (rating: number, comment: string) => Promise<boolean> }) {
  const { t } = useContext(Ctx);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  if (state === 'sent') {
    return (
      <div class="csat" role="status">
        {t.csatThanks}
      </div>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await onSubmit(rating, comment.trim());
    setBusy(false);
  };
  return (
    <form class="csat" onSubmit={submit}>
      <h3 id="kd-csat-title">{t.csatTitle}</h3>
      <fieldset aria-labelledby="kd-csat-title">
        {[1, 2, 3, 4, 5].map((n) => (
          <button type="button" class="star" aria-pressed={n <= rating} aria-label={t.csatStar(n)} onClick={() => setRating(n)}>
            ★
          </button>
        ))}
      </fieldset>
      <label class="sr-only" for="kd-csat-comment">
        {t.csatComment}
      </label>
      <textarea id="kd-csat-comment" maxLength={1000} placeholder={t.csatComment} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <button type="submit" class="primary" disabled={rating === 0 || busy}>
        {t.csatSubmit}
      </button>
    </form>
  );
}
