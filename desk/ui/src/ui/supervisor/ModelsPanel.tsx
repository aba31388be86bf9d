// Model versions: retrain in the background (polled), a candidate's cross-validated metrics and confusion pairs,
// its comparison with the active version, activate / roll back, and the confidence threshold.
import { useContext, useEffect, useState } from 'preact/hooks';
import * as api from '../../supervisor/api';
import type { Metrics, Pair, Training } from '../../supervisor/schemas';
import { pct } from '../../supervisor/format';
import { Confirm } from '../Dialog';
import { dateTime } from '../format';
import { SvCtx } from './context';
import { Loaded, useLoad } from './Loaded';
import { useChange } from './UtterancesPanel';

const POLL_MS = 1000;

export function ModelsPanel() {
  const { s, t: texts, lang } = useContext(SvCtx);
  const [models, reload] = useLoad(api.models, []);
  const [picked, setPicked] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<{ version: string } | 'rollback' | null>(null);
  const change = useChange();
  const running = models.state === 'ready' && (models.value.retraining || models.value.trainings.some((t) => t.status === 'running'));
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running]);

  return (
    <Loaded load={models} retry={reload}>
      {(m) => {
        // Unless one is picked, show the newest ready candidate (not the active version) against the active one.
        const ready = m.trainings.filter((t) => t.status === 'ready' && t.version);
        const chosen = m.trainings.find((t) => t.id === picked) ?? ready.find((t) => t.version !== m.activeVersion) ?? ready[0] ?? null;
        return (
          <div class="models">
            <div class="toolbar">
              <span>
                {s.active}: <b class="mono" data-active-version>{m.activeVersion ?? '—'}</b>
              </span>
              <button type="button" class="primary" disabled={running} onClick={() => void change(api.retrain, reload)}>
                {running ? s.retraining : s.retrain}
              </button>
              <button type="button" onClick={() => setConfirm('rollback')}>
                {s.rollback}
              </button>
              <Threshold value={m.threshold} onSaved={reload} />
            </div>
            <table class="grid trainings" aria-label={s.trainings}>
              <tbody>
                {m.trainings.map((t) => (
                  <tr class={t === chosen ? 'on' : ''} data-training={t.id} data-status={t.status} onClick={() => setPicked(t.id)}>
                    <td class="mono">{t.version ?? `#${t.id}`}</td>
                    <td>{s.status[t.status] ?? t.status}</td>
                    <td class="muted">{dateTime(t.startedAt, lang)}</td>
                    <td>
                      {s.examples} {t.examples}
                    </td>
                    <td>{t.metrics ? `${s.accuracy} ${pct(t.metrics.accuracy)} · F1 ${pct(t.metrics.macroF1)}` : (t.error ?? '')}</td>
                    <td>
                      {t.status === 'ready' && t.version && t.version !== m.activeVersion && (
                        <button type="button" class="primary" onClick={(e) => (e.stopPropagation(), setConfirm({ version: t.version! }))}>
                          {s.activate}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {chosen?.metrics && <Candidate training={chosen} metrics={chosen.metrics} activeVersion={m.activeVersion} />}
            {confirm === 'rollback' && <Confirm cancelLabel={texts.cancel} title={s.rollback} text={s.confirmRollback} onClose={() => setConfirm(null)} onConfirm={() => void change(api.rollback, () => (setConfirm(null), reload()))} />}
            {confirm && confirm !== 'rollback' && (
              <Confirm cancelLabel={texts.cancel} title={s.activate} text={s.confirmActivate(confirm.version)} onClose={() => setConfirm(null)} onConfirm={() => void change(() => api.activate(confirm.version), () => (setConfirm(null), reload()))} />
            )}
          </div>
        );
      }}
    </Loaded>
  );
}

function Threshold({ value, onSaved }: { value: number; onSaved(): void }) {
  const { s } = useContext(SvCtx);
  const [draft, setDraft] = useState(String(value));
  const change = useChange();
  return (
    <form class="inline" onSubmit={(e) => (e.preventDefault(), void change(() => api.setThreshold(Number(draft)), onSaved))}>
      <label>
        {s.threshold} <input type="number" min="0" max="1" step="0.01" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
      </label>
      <button type="submit">{s.setThreshold}</button>
    </form>
  );
}

function Candidate({ training, metrics, activeVersion }: { training: Training; metrics: Metrics; activeVersion: string | null }) {
  const { s } = useContext(SvCtx);
  const compareWith = activeVersion !== null && training.version !== null && training.version !== activeVersion;
  // The baseline is the active version: compare again when it changes.
  const [comparison, retry] = useLoad(() => api.compare(training.version!), [training.version, activeVersion]);
  return (
    <div class="candidate">
      <dl class="figures">
        <div><dt>{s.accuracy}</dt><dd>{pct(metrics.accuracy)}</dd></div>
        <div><dt>{s.macroF1}</dt><dd>{pct(metrics.macroF1)}</dd></div>
        <div><dt>{s.oosAccept}</dt><dd>{pct(metrics.outOfScopeFalseAccept)}</dd></div>
        <div><dt>{s.inScopeReject}</dt><dd>{pct(metrics.inScopeFalseReject)}</dd></div>
      </dl>
      <h3>{s.confusions}</h3>
      <table class="grid">
        <thead><tr><th>{s.truth}</th><th>{s.predicted}</th><th>#</th><th /></tr></thead>
        <tbody>
          {metrics.confusions.slice(0, 10).map((c) => (
            <tr><td class="mono">{c.truth}</td><td class="mono">{c.predicted}</td><td>{c.count}</td><td class="muted">{c.examples.join(' / ')}</td></tr>
          ))}
        </tbody>
      </table>
      {compareWith && (
        <>
          <h3>{s.compare}</h3>
          <Loaded load={comparison} retry={retry}>
            {(c) => (
              <div class="compare" data-compare>
                <p>
                  {c.baseline.version} → {c.candidate.version}: {s.common} {c.paired.common}, {s.accuracy} {pct(c.baseline.metrics.accuracy)} → {pct(c.candidate.metrics.accuracy)}
                </p>
                <Pairs title={`${s.fixed} (${c.paired.fixed.length})`} pairs={c.paired.fixed} kind="fixed" />
                <Pairs title={`${s.broken} (${c.paired.broken.length})`} pairs={c.paired.broken} kind="broken" />
              </div>
            )}
          </Loaded>
        </>
      )}
    </div>
  );
}

function Pairs({ title, pairs, kind }: { title: string; pairs: Pair[]; kind: string }) {
  return (
    <details class={`pairs ${kind}`} open={pairs.length > 0 && pairs.length <= 10}>
      <summary>{title}</summary>
      <ul>
        {pairs.slice(0, 50).map((p) => (
          <li>
            {p.text} <span class="mono muted">({p.truth}: {p.baseline} → {p.candidate})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
