import type { Metadata } from "next";
import { Download, Image as ImageIcon } from "lucide-react";
import { CreativePreview } from "@/components/creatives/creative-preview";
import { KIND_LABELS } from "@/components/creatives/read-file";
import { SnippetBuilder } from "@/components/creatives/snippet-builder";
import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CREATIVE_KINDS, type CreativeKind } from "@/db/schema/creative-values";
import { config } from "@/server/config";
import { partnerCreativeFilter } from "@/server/creatives/schemas";
import { serverCaller } from "@/server/trpc/server-caller";

export const metadata: Metadata = { title: "Creatives" };

type SP = { offerId?: string; kind?: string; language?: string; size?: string; tag?: string };

const select = "h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm";

export default async function PortalCreativesPage({ searchParams }: { searchParams: Promise<SP> }) {
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = partnerCreativeFilter.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const api = await serverCaller();
  const library = await api.creatives.library(filter);
  const baseUrl = config().appUrl;
  const { options } = library;
  return (
    <>
      <PageHeader title="Creatives" description="Banners, text links, snippets and e-mail copy for your offers. Copy one and it already holds your tracking link." />
      <Card className="mb-6">
        <form action="/portal/creatives" className="grid grid-cols-2 gap-3 px-5 py-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
          <label className="space-y-1 text-sm text-slate-600">
            <span>Offer</span>
            <select name="offerId" defaultValue={filter.offerId ?? ""} className={select}>
              <option value="">All</option>
              {options.offers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm text-slate-600">
            <span>Kind</span>
            <select name="kind" defaultValue={filter.kind ?? ""} className={select}>
              <option value="">All</option>
              {CREATIVE_KINDS.map((k: CreativeKind) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm text-slate-600">
            <span>Size</span>
            <select name="size" defaultValue={filter.size ?? ""} className={select}>
              <option value="">All</option>
              {options.sizes.map((s) => (
                <option key={s} value={s}>
                  {s.replace("x", "×")}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm text-slate-600">
            <span>Language</span>
            <select name="language" defaultValue={filter.language ?? ""} className={select}>
              <option value="">All</option>
              {options.languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm text-slate-600">
            <span>Tag</span>
            <select name="tag" defaultValue={filter.tag ?? ""} className={select}>
              <option value="">All</option>
              {options.tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </Card>
      {library.items.length === 0 ? (
        <Card>
          <EmptyState icon={ImageIcon} title="No creatives to show">
            {Object.keys(filter).length ? "Nothing matches these filters." : "The program team has not shared creatives for your offers yet."}
          </EmptyState>
        </Card>
      ) : (
        <ul className="grid gap-6 xl:grid-cols-2">
          {library.items.map((c) => (
            <li key={c.id} data-testid="partner-creative">
              <Card className="space-y-4 p-5">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h2 className="font-medium text-slate-900">{c.name}</h2>
                    <p className="text-xs text-slate-500">
                      {c.offerName} · {KIND_LABELS[c.kind]}
                      {c.width && c.height ? ` · ${c.width}×${c.height}` : ""}
                      {c.language ? ` · ${c.language}` : ""}
                      {c.endsAt ? ` · until ${formatDate(new Date(c.endsAt.getTime() - 86_400_000))}` : ""}
                    </p>
                    <div className="mt-1 flex flex-wrap gap-1">
                      {c.tags.map((t) => (
                        <Badge key={t}>{t}</Badge>
                      ))}
                    </div>
                  </div>
                  <div className="flex items-center gap-3">
                    {c.kind === "image" ? (
                      <span className="text-xs text-slate-500" data-testid="partner-creative-impressions">
                        {c.impressions.toLocaleString("en-US")} impression{c.impressions === 1 ? "" : "s"}
                      </span>
                    ) : null}
                    <Button asChild size="sm" variant="secondary">
                      <a href={`/api/creatives/${c.id}/file?download=1`} aria-label={`Download ${c.name}`}>
                        <Download aria-hidden /> Download
                      </a>
                    </Button>
                  </div>
                </div>
                <CreativePreview creative={c} large />
                <SnippetBuilder creative={c} links={c.links.map((l) => ({ linkId: l.linkId, code: l.code, alias: l.alias, label: l.label }))} baseUrl={baseUrl} />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
