/** Words for document types and statuses (the same as server/documents/schemas.ts DOCUMENT_LABELS). */
export { DOCUMENT_LABELS } from "@/server/documents/labels";

export const DOCUMENT_STATUS_TONE = { pending: "warning", approved: "success", rejected: "danger", replaced: "neutral" } as const;

export const formatBytes = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
