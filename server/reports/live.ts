import type { Listen } from "@/db/client";

/**
 * The live feed: after each rollup pass that folded something, the worker sends `NOTIFY touchpoint_live` in its
 * own transaction (so the note arrives once the new numbers are readable). Every app instance holds ONE listener
 * on that channel and fans the notes out to its open Server-Sent Events streams, so a click taken by any
 * instance reaches every admin's dashboard; on PGlite the same channel works inside the one process.
 */
export const LIVE_CHANNEL = "touchpoint_live";

/** What a note says: how many clicks and conversion changes the pass folded. */
export type LiveNote = { clicks: number; conversions: number; at: string };

/** At most this many open streams per process; one more is refused (503) rather than left to grow. */
export const MAX_LIVE_SUBSCRIBERS = 200;

type Hub = { subscribers: Set<(note: LiveNote) => void>; listening?: Promise<() => Promise<void>>; listen?: Listen };
const hub = ((globalThis as { __touchpointLive?: Hub }).__touchpointLive ??= { subscribers: new Set() });

export function parseNote(payload: string): LiveNote | null {
  try {
    const v = JSON.parse(payload) as Partial<LiveNote>;
    if (typeof v.clicks !== "number" || typeof v.conversions !== "number") return null;
    return { clicks: v.clicks, conversions: v.conversions, at: typeof v.at === "string" ? v.at : new Date().toISOString() };
  } catch {
    return null;
  }
}

function fanOut(payload: string) {
  const note = parseNote(payload);
  if (!note) return;
  for (const send of hub.subscribers) send(note);
}

/**
 * Adds a subscriber; the process's listener starts with the first one (again after a failure, e.g. the database
 * was down) and stops with the last. Returns the unsubscribe function, or null when the process is full.
 */
export async function subscribeLive(listen: Listen, send: (note: LiveNote) => void): Promise<(() => Promise<void>) | null> {
  if (hub.subscribers.size >= MAX_LIVE_SUBSCRIBERS) return null;
  hub.subscribers.add(send);
  if (!hub.listening || hub.listen !== listen) {
    const started = listen(LIVE_CHANNEL, fanOut);
    hub.listening = started;
    hub.listen = listen;
    started.catch(() => {
      if (hub.listening === started) hub.listening = undefined;
    });
  }
  try {
    await hub.listening;
  } catch (err) {
    hub.subscribers.delete(send);
    throw err;
  }
  return async () => {
    hub.subscribers.delete(send);
    if (hub.subscribers.size === 0 && hub.listening) {
      const stop = hub.listening;
      hub.listening = undefined;
      await (await stop.catch(() => async () => {}))();
    }
  };
}

export const liveSubscriberCount = () => hub.subscribers.size;
