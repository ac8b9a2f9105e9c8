import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type Received = { to: string[]; raw: string; subject: string; text: string | null; html: string | null };

/** Quoted-printable and base64 bodies as text. */
function decode(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? "").toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function headersOf(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/** The text and HTML parts of a (possibly multipart/alternative) message. Enough MIME for our own messages. */
export function parseMessage(raw: string): Omit<Received, "to" | "raw"> {
  const split = raw.indexOf("\r\n\r\n");
  const head = headersOf(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const parts: { type: string; text: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(head["content-type"] ?? "")?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const at = chunk.indexOf("\r\n\r\n");
      const h = headersOf(chunk.slice(0, at));
      parts.push({ type: (h["content-type"] ?? "").split(";")[0] ?? "", text: decode(chunk.slice(at + 4).replace(/\r\n$/, ""), h["content-transfer-encoding"]) });
    }
  } else {
    parts.push({ type: (head["content-type"] ?? "text/plain").split(";")[0] ?? "", text: decode(body, head["content-transfer-encoding"]) });
  }
  // adjacent encoded words join without the whitespace between them (RFC 2047)
  const subject = (head.subject ?? "").replace(/\?=\s+=\?/g, "?==?").replace(/=\?utf-8\?Q\?(.*?)\?=/gi, (_, q: string) => decode(q.replace(/_/g, " "), "quoted-printable"));
  return { subject, text: parts.find((p) => p.type === "text/plain")?.text ?? null, html: parts.find((p) => p.type === "text/html")?.text ?? null };
}

/**
 * A real SMTP server on 127.0.0.1 at a random port that keeps what it receives. `refuseNext` makes it refuse
 * the next n recipients with a temporary error, to show that a failed delivery is retried.
 */
export async function startSmtpSink() {
  const received: Received[] = [];
  const state = { refuse: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse > 0) {
        state.refuse--;
        const err = Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("latin1");
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...parseMessage(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (n: number) => {
      state.refuse = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
