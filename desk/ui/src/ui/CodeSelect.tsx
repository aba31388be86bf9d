// A labelled select over one of the domain's closed lists (cancellation category, reason code, …).
export function CodeSelect({ name, title, codes, labels, value, onChange }: { name: string; title: string; codes: readonly string[]; labels: Record<string, string>; value: string; onChange(value: string): void }) {
  return (
    <label>
      {title}
      <select name={name} required value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">—</option>
        {codes.map((c) => (
          <option value={c}>{labels[c] ?? c}</option>
        ))}
      </select>
    </label>
  );
}
