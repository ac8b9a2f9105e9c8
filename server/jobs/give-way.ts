import { requestRate } from "@/server/http/traffic";

/**
 * Background work in the app's process gives way to a burst of traffic: while the server answers more than
 * BUSY_RPS requests a second, it waits, so clicks and postbacks are taken in at full speed and the work
 * behind them catches up afterwards. Never for long: after MAX_LAG_MS it runs regardless, so sustained load
 * shares the CPU instead of starving the jobs. Used by the outbox runner and the click sweep.
 */
export const BUSY_RPS = 50;
export const MAX_LAG_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function yieldToTraffic(): Promise<void> {
  for (let waited = 0; requestRate() > BUSY_RPS && waited < MAX_LAG_MS; waited += 100) await sleep(100);
}
