/**
 * Ready-to-paste code for a creative, holding the partner's own tracking link. Pure (no server imports): the
 * portal builds it in the browser as the partner picks a link and sub-IDs, and tests call it directly.
 */
export type SnippetCreative = {
  id: string;
  kind: "image" | "text_link" | "html" | "email";
  name: string;
  body: string | null;
  subject: string | null;
  altText: string | null;
  width: number | null;
  height: number | null;
};
export type SnippetFormat = "html" | "markdown" | "bbcode" | "text";
export const SUB_IDS = ["sub1", "sub2", "sub3", "sub4", "sub5"] as const;
export const LINK_PLACEHOLDER = "{link}";

/** `<base>/r/<alias or code>?sub1=...`: the link a click is tracked through. */
export function trackingUrl(baseUrl: string, link: { code: string; alias: string | null }, subs: Partial<Record<(typeof SUB_IDS)[number], string>> = {}): string {
  const params = new URLSearchParams();
  for (const key of SUB_IDS) {
    const v = subs[key]?.trim();
    if (v) params.set(key, v);
  }
  const q = params.toString();
  return `${baseUrl}/r/${encodeURIComponent(link.alias ?? link.code)}${q ? `?${q}` : ""}`;
}

/** The banner's public URL that counts an impression for this link's partner. */
export const impressionUrl = (baseUrl: string, creativeId: string, link: { code: string }) => `${baseUrl}/api/creatives/${creativeId}/i?p=${encodeURIComponent(link.code)}`;

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const mdText = (s: string) => s.replace(/([\\[\]()*_`])/g, "\\$1");
const bbText = (s: string) => s.replace(/[[\]]/g, "");

/** The formats a kind can be pasted as. */
export function formatsFor(kind: SnippetCreative["kind"]): SnippetFormat[] {
  if (kind === "html") return ["html"];
  if (kind === "email") return ["text", "html"];
  return ["html", "markdown", "bbcode"];
}

export function buildSnippet(c: SnippetCreative, format: SnippetFormat, url: string, imageUrl: string): string {
  const label = c.kind === "image" ? (c.altText ?? c.name) : (c.body ?? c.name);
  switch (c.kind) {
    case "html":
      // the operator's snippet, with the link escaped for an attribute value
      return (c.body ?? "").split(LINK_PLACEHOLDER).join(attr(url));
    case "email": {
      const body = c.body ?? "";
      if (format === "html") return `<p><strong>${attr(c.subject ?? "")}</strong></p>\n${body.split("\n").map((line) => `<p>${attr(line).split(attr(LINK_PLACEHOLDER)).join(`<a href="${attr(url)}">${attr(url)}</a>`)}</p>`).join("\n")}`;
      return `Subject: ${c.subject ?? ""}\n\n${body.split(LINK_PLACEHOLDER).join(url)}`;
    }
    case "image": {
      const size = c.width && c.height ? ` width="${c.width}" height="${c.height}"` : "";
      if (format === "markdown") return `[![${mdText(label)}](${imageUrl})](${url})`;
      if (format === "bbcode") return `[url=${url}][img]${imageUrl}[/img][/url]`;
      return `<a href="${attr(url)}" rel="sponsored noopener" target="_blank"><img src="${attr(imageUrl)}"${size} alt="${attr(label)}" style="border:0"></a>`;
    }
    case "text_link":
      if (format === "markdown") return `[${mdText(label)}](${url})`;
      if (format === "bbcode") return `[url=${url}]${bbText(label)}[/url]`;
      return `<a href="${attr(url)}" rel="sponsored noopener" target="_blank">${attr(label)}</a>`;
  }
}
