import { memberFor } from "@/server/auth/route-guard";
import { getListen } from "@/server/db";
import { subscribeLive, type LiveNote } from "@/server/reports/live";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * GET /api/live: Server-Sent Events for the admin dashboard. `ready` once subscribed, then `update` with what
 * each rollup pass folded (the page then reloads its numbers), and a comment every 15 s so proxies keep the
 * stream open. Team members who may read reports only; partners and visitors get 403 / 401 as JSON.
 */
export async function GET(req: Request) {
  const { refused } = await memberFor("reports:read");
  if (refused) return refused;
  const encoder = new TextEncoder();
  let cleanup: (() => Promise<void>) | null = null;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // the stream is closed: the abort handler below cleans up
        }
      };
      let unsubscribe: (() => Promise<void>) | null;
      try {
        unsubscribe = await subscribeLive(await getListen(), (note: LiveNote) => write(`event: update\ndata: ${JSON.stringify(note)}\n\n`));
      } catch {
        write(`event: unavailable\ndata: {}\nretry: 5000\n\n`);
        controller.close();
        return;
      }
      if (!unsubscribe) {
        write(`event: unavailable\ndata: {"reason":"too many open streams"}\nretry: 30000\n\n`);
        controller.close();
        return;
      }
      const heartbeat = setInterval(() => write(`: ping\n\n`), HEARTBEAT_MS);
      heartbeat.unref();
      cleanup = async () => {
        clearInterval(heartbeat);
        await unsubscribe?.();
        unsubscribe = null;
      };
      req.signal.addEventListener("abort", () => {
        void cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
    },
    async cancel() {
      await cleanup?.();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
