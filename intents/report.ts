// Human-readable cross-validation report for `kadesk intents eval`.
import type { Report } from './metrics';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatReport(report: Report, folds: number): string {
  const lines = [
    `intents: ${folds}-fold stratified cross-validation over ${report.examples} examples`,
    `accuracy                     ${pct(report.accuracy)}`,
    `macro-F1                     ${pct(report.macroF1)}`,
    `out-of-scope false accepts   ${pct(report.outOfScopeFalseAccept)}`,
    `in-scope false rejects       ${pct(report.inScopeFalseReject)}`,
    '',
    'intent               support  precision  recall   F1',
    ...report.perIntent.map(
      (s) => `${s.intent.padEnd(20)} ${String(s.support).padStart(7)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}  ${pct(s.f1).padStart(6)}`,
    ),
    '',
    'most frequent confusions (truth → predicted: count, examples)',
    ...report.confusions.slice(0, 15).map((c) => `${c.truth} → ${c.predicted}: ${c.count}  ${c.examples.join(' | ')}`),
  ];
  return `${lines.join('\n')}\n`;
}
