/**
 * A small preview. Banners are <img> of bytes checked on upload and served as images; text, HTML and e-mail
 * creatives are shown as escaped text (React escapes it), never rendered: no user HTML runs in our origin.
 */
export function CreativePreview({ creative, large = false }: { creative: { id: string; kind: string; name: string; body: string | null; subject: string | null; altText: string | null; width: number | null; height: number | null; version: number }; large?: boolean }) {
  if (creative.kind === "image") {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- served by our own file route with its own headers; next/image would re-encode it
      <img
        src={`/api/creatives/${creative.id}/file?v=${creative.version}`}
        alt={creative.altText ?? creative.name}
        width={creative.width ?? undefined}
        height={creative.height ?? undefined}
        className={large ? "h-auto max-h-48 w-auto max-w-full rounded border border-slate-200 bg-slate-50 object-contain" : "h-12 w-20 shrink-0 rounded border border-slate-200 bg-slate-50 object-contain"}
        loading="lazy"
      />
    );
  }
  const text = creative.kind === "email" ? `Subject: ${creative.subject ?? ""}\n\n${creative.body ?? ""}` : (creative.body ?? "");
  return (
    <pre className={large ? "max-h-48 overflow-auto rounded border border-slate-200 bg-slate-50 p-3 text-xs whitespace-pre-wrap break-words text-slate-700" : "hidden h-12 w-20 shrink-0 overflow-hidden rounded border border-slate-200 bg-slate-50 p-1 text-[9px] leading-tight text-slate-500 sm:block"}>
      <code>{text}</code>
    </pre>
  );
}
