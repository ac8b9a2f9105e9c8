"use client";

import { Wand2 } from "lucide-react";
import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";

export type BuilderLink = { linkId: string; name: string; url: string; deepLinkHosts: string[] };

/** Every sub-ID a click stores (`/r/<code>?sub1=...&sub5=...`). */
const SUBS = ["sub1", "sub2", "sub3", "sub4", "sub5"] as const;

// Mirrors the click handler's allowlist check (exact host, or `*.host` for its subdomains), only to warn early.
function hostAllowed(host: string, allowed: string[]) {
  return allowed.some((e) => (e.startsWith("*.") ? host.endsWith(e.slice(1)) && host.length > e.length - 1 : host === e));
}

function deepLinkProblem(raw: string, allowed: string[]): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://example.com/page";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Enter an http or https URL";
  if (allowed.length === 0) return "This offer has no deep links: visitors land on the offer's page.";
  if (!hostAllowed(url.hostname, allowed)) return `This offer deep-links only to ${allowed.join(", ")}: other pages fall back to the offer's page.`;
  return null;
}

/** Builds a link with sub-IDs and an optional deep link, in the browser, URL-encoded. */
export function LinkBuilder({ links }: { links: BuilderLink[] }) {
  const [linkId, setLinkId] = useState(links[0]?.linkId ?? "");
  const [values, setValues] = useState<Record<string, string>>({});
  const link = links.find((l) => l.linkId === linkId) ?? links[0];
  if (!link) {
    return (
      <EmptyState icon={Wand2} title="No active links">
        Create or resume a link to build URLs with sub-IDs.
      </EmptyState>
    );
  }
  const params = new URLSearchParams();
  for (const key of [...SUBS, "url"]) {
    const v = values[key]?.trim();
    if (v) params.set(key, v);
  }
  const query = params.toString();
  const result = query ? `${link.url}?${query}` : link.url;
  const deepLink = values.url?.trim() ?? "";
  const problem = deepLinkProblem(deepLink, link.deepLinkHosts);
  const set = (key: string) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));

  return (
    <div className="space-y-4 px-5 py-4">
      <Field label="Link">
        {(p) => (
          <Select {...p} value={link.linkId} onChange={(e) => setLinkId(e.target.value)}>
            {links.map((l) => (
              <option key={l.linkId} value={l.linkId}>
                {l.name} — {l.url.replace(/^https?:\/\//, "")}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {SUBS.map((key) => (
          <Field key={key} label={key}>
            {(p) => <Input {...p} value={values[key] ?? ""} onChange={set(key)} maxLength={255} autoComplete="off" placeholder={key === "sub1" ? "newsletter" : ""} />}
          </Field>
        ))}
      </div>
      <Field
        label="Deep link (optional)"
        error={problem}
        hint={link.deepLinkHosts.length ? `A page on ${link.deepLinkHosts.join(", ")} to send visitors to.` : "This offer has no deep links: visitors land on the offer's page."}
      >
        {(p) => <Input {...p} type="url" value={values.url ?? ""} onChange={set("url")} maxLength={2048} autoComplete="off" placeholder="https://" />}
      </Field>
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-700">Your link</p>
        {problem ? (
          // a refused deep link would send visitors to the offer's page, not where the partner means: no link to copy
          <p role="status" data-testid="built-link-refused" className="rounded border border-amber-200 bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
            No link yet: fix or clear the deep link above.
          </p>
        ) : (
          <div className="flex min-w-0 items-start gap-2">
            <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1.5 text-xs text-slate-800" data-testid="built-link">
              {result}
            </code>
            <CopyButton value={result} />
          </div>
        )}
      </div>
    </div>
  );
}
