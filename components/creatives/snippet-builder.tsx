"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { buildSnippet, formatsFor, impressionUrl, SUB_IDS, trackingUrl, type SnippetCreative, type SnippetFormat } from "@/server/creatives/snippets";

const FORMAT_LABELS: Record<SnippetFormat, string> = { html: "HTML", markdown: "Markdown", bbcode: "BBCode", text: "Plain text" };
type Link = { linkId: string; code: string; alias: string | null; label: string | null };

/** Ready-to-paste code with the partner's own link and the sub-IDs they type, built in the browser. */
export function SnippetBuilder({ creative, links, baseUrl }: { creative: SnippetCreative; links: Link[]; baseUrl: string }) {
  const formats = formatsFor(creative.kind);
  const [format, setFormat] = useState<SnippetFormat>(formats[0] ?? "html");
  const [linkId, setLinkId] = useState(links[0]?.linkId ?? "");
  const [subs, setSubs] = useState<Record<string, string>>({});
  const link = links.find((l) => l.linkId === linkId) ?? links[0];
  if (!link) return <p className="text-sm text-slate-600">You have no active link to this offer. Create or resume one on the Links page to copy this creative.</p>;
  const url = trackingUrl(baseUrl, link, subs);
  const code = buildSnippet(creative, format, url, impressionUrl(baseUrl, creative.id, link));
  return (
    <div className="space-y-3">
      <div className={links.length > 1 ? "grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]" : ""}>
        {links.length > 1 ? (
          <Field label="Link">
            {(p) => (
              <Select {...p} value={link.linkId} onChange={(e) => setLinkId(e.target.value)}>
                {links.map((l) => (
                  <option key={l.linkId} value={l.linkId}>
                    {l.label ?? l.alias ?? l.code}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        <div className="grid max-w-md grid-cols-3 gap-2">
          {SUB_IDS.slice(0, 3).map((key) => (
            <Field key={key} label={key}>
              {(p) => <Input {...p} value={subs[key] ?? ""} onChange={(e) => setSubs((s) => ({ ...s, [key]: e.target.value }))} maxLength={255} autoComplete="off" />}
            </Field>
          ))}
        </div>
      </div>
      <div role="tablist" aria-label="Format" className="flex flex-wrap gap-1">
        {formats.map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={f === format}
            onClick={() => setFormat(f)}
            className={cn("rounded-md px-2.5 py-1 text-xs font-medium", f === format ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
          >
            {FORMAT_LABELS[f]}
          </button>
        ))}
      </div>
      <Textarea readOnly value={code} rows={format === "text" ? 6 : 3} className="font-mono text-xs" aria-label={`${FORMAT_LABELS[format]} code for ${creative.name}`} data-testid="creative-snippet" onFocus={(e) => e.currentTarget.select()} />
      <CopyButton value={code} label={`Copy ${FORMAT_LABELS[format]}`} ariaLabel={`Copy the ${FORMAT_LABELS[format]} code for ${creative.name}`} />
    </div>
  );
}
