/** Reads ?page and a whitelisted ?status from a page's search params. */
export function listParams<S extends string>(sp: { page?: string; status?: string }, statuses: readonly S[], fallback: S | "all") {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(sp.page ?? "1", 10) || 1));
  const status = (statuses as readonly string[]).includes(sp.status ?? "") ? (sp.status as S) : sp.status === "all" ? "all" : fallback;
  return { page, status };
}

export const PAGE_SIZE = 25;
