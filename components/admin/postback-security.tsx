import { CardBody } from "@/components/ui/card";
import { IpAllowlistForm } from "./ip-allowlist-form";
import { SigningSecrets } from "./signing-secrets";

/** A program's postback hardening: who may send, and signed requests, with the signature format documented. */
export function PostbackSecurity({ program }: { program: { id: string; signingSecrets: string[]; postbackIpAllowlist: string[] } }) {
  return (
    <CardBody className="grid gap-8 lg:grid-cols-2">
      <div className="space-y-3">
        <h3 className="text-sm font-semibold text-slate-900">Signing secrets</h3>
        <SigningSecrets programId={program.id} secrets={program.signingSecrets} />
        <div className="space-y-2 text-sm text-slate-600">
          <p>Sign a postback instead of sending the token. Send both headers with the request:</p>
          <pre className="whitespace-pre-wrap break-all rounded bg-slate-900 px-3 py-2 text-xs leading-relaxed text-slate-100">
            {`X-Touchpoint-Program: ${program.id}\nX-Touchpoint-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`}
          </pre>
          <p>
            <code>t</code> is the current Unix time in seconds; a request more than 300 seconds off is refused. Sign the exact bytes you send. For example, in Node:
          </p>
          <pre className="whitespace-pre-wrap break-all rounded bg-slate-100 px-3 py-2 text-xs leading-relaxed text-slate-800">
            {'const t = Math.floor(Date.now() / 1000);\nconst v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");'}
          </pre>
          <p>Both live secrets are accepted: switch your sender to the newest one, then retire the oldest.</p>
        </div>
      </div>
      <div className="space-y-3">
        <h3 className="text-sm font-semibold text-slate-900">Allowed senders</h3>
        <IpAllowlistForm programId={program.id} allowlist={program.postbackIpAllowlist} />
      </div>
    </CardBody>
  );
}
