/** The terms as partners will read them, updated as the admin types. */
export function TermsPreview({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2.5 text-sm" aria-live="polite" data-testid="terms-preview">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Partners will read</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-800">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
