import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { CompiledPolicy, ResolvedAddress } from "./ip-policy";

/** Raised inside the lookup so the request fails before any socket is opened to the address. */
export class BlockedAddressError extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolved to a blocked address`);
    this.name = "BlockedAddressError";
  }
}

function defaultResolve(hostname: string, options: dns.LookupOptions): Promise<ResolvedAddress[]> {
  return dns.promises
    .lookup(hostname, { all: true, family: options.family, hints: options.hints })
    .then((list) => list.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 })));
}

const notFound = (hostname: string) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });

/**
 * A `lookup` for http.request / https.request that only hands the socket addresses the policy allows.
 *
 * Checking the address here, rather than resolving once beforehand and connecting to the name later,
 * is what defeats DNS rebinding: the addresses we check are exactly the ones the socket connects to, so
 * a name that answers 8.8.8.8 to a pre-check and 127.0.0.1 to the real connection cannot slip through.
 *
 * If ANY answer is blocked the whole name is refused, not just that answer: with several addresses Node
 * (happy eyeballs, `autoSelectFamily`) may try them in any order, and a name that mixes public and
 * private answers is suspicious anyway.
 *
 * Node skips `lookup` entirely for IP-literal hosts; the caller must check those itself.
 */
export function safeLookup(policy: CompiledPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const resolve = policy.resolve ?? ((name: string) => defaultResolve(name, options));
    // Promise.resolve().then(...) also turns a synchronous throw from a custom resolver into a rejection.
    Promise.resolve()
      .then(() => resolve(hostname))
      .then(
        (answers) => {
          // Trust the address text, not the family a custom resolver claims.
          let list = answers.map(({ address }) => ({ address, family: isIP(address) }));
          const blocked = list.find(({ address }) => policy.isBlocked(address));
          if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), "");
          // Node asks for one family when the request pins it (options.family 4 or 6).
          if (options.family === 4 || options.family === 6) list = list.filter((a) => a.family === options.family);
          const [first] = list;
          if (!first) return callback(notFound(hostname), "");
          // Node 20 calls lookup with `all: true` when autoSelectFamily is on (the default) and then expects
          // an array; otherwise it expects a single address and its family.
          if (options.all) callback(null, list);
          else callback(null, first.address, first.family);
        },
        (err: unknown) => {
          const e = err instanceof Error ? err : new Error(String(err));
          callback(Object.assign(e, { code: (e as NodeJS.ErrnoException).code ?? "ENOTFOUND" }), "");
        },
      );
  };
}
