import Link from "next/link";

/** A link page opened without its token (or with a mangled one). */
export function MissingToken({ what }: { what: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold text-slate-900">This link is incomplete</h1>
      <p className="text-sm text-slate-600">Open the {what} link from the e-mail again, or copy all of it into the address bar.</p>
      <Link href="/forgot-password" className="text-sm font-medium text-brand-600 hover:underline">
        Ask for a new link
      </Link>
    </div>
  );
}

export const tokenOf = (v: string | string[] | undefined) => (typeof v === "string" && /^[A-Za-z0-9_-]{20,200}$/.test(v) ? v : null);
