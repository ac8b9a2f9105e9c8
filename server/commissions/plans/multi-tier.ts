import { mulBp } from "./rounding";

export type Override = { partnerId: string; level: number; amount: bigint };

/** Deeper networks pay overrides nobody can reason about, and invite pyramid schemes. */
export const MAX_LEVELS = 5;

/**
 * The overrides a commission pays up the sponsor chain: `levelsBp[0]` of it to the direct parent (level 1),
 * `levelsBp[1]` to the grandparent (level 2), and so on, as deep as the shorter of the chain and the levels.
 *
 * Each override is a percentage of the earning partner's commission (not of the parent's override), rounded on
 * its own with banker's rounding. A zero override (a 0-bp level, or a commission too small) is left out. A
 * negative commission (a reversal) gives the exact negatives of the original overrides, since rounding is
 * symmetric. A partner met twice in the chain (a loop in the sponsor data) stops the walk there, so no one is
 * ever paid twice for the same commission.
 */
export function overrides(commission: bigint, uplineChain: readonly string[], levelsBp: readonly number[]): Override[] {
  if (levelsBp.length > MAX_LEVELS) throw new RangeError(`at most ${MAX_LEVELS} override levels, got ${levelsBp.length}`);
  for (const bp of levelsBp) {
    if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) throw new RangeError(`an override level must be 0 to 10000 bp, got ${bp}`);
  }
  const seen = new Set<string>();
  const out: Override[] = [];
  const depth = Math.min(uplineChain.length, levelsBp.length);
  for (let i = 0; i < depth; i += 1) {
    const partnerId = uplineChain[i];
    const bp = levelsBp[i];
    if (partnerId === undefined || bp === undefined || seen.has(partnerId)) break;
    seen.add(partnerId);
    const amount = mulBp(commission, bp);
    if (amount !== 0n) out.push({ partnerId, level: i + 1, amount });
  }
  return out;
}
