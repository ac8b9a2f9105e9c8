import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const ipOrCidr = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, "must be an IP address or CIDR range");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "must be a port number (1-65535)" }).int().min(1).max(65535).default(3000),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with: openssl rand -hex 32)"),
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((p) => p.trim()).filter(Boolean))
    .pipe(z.array(ipOrCidr)),
  OUTBOUND_ALLOW_PRIVATE: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((p) => p.trim()).filter(Boolean))
    .pipe(z.array(ipOrCidr)),
  INNGEST_DEV: bool.optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_BASE_URL: z.url().optional(),
  DEMO_SEED: bool.default(true),
  DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  appUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string;
  trustedProxies: string[];
  /** Private ranges partners' postbacks may reach (normally none: that is the SSRF protection). */
  outboundAllowPrivate: string[];
  /** `inngest`: events go to an Inngest server; `local`: the same functions run in this process. */
  jobs: "inngest" | "local";
  demoSeed: boolean;
  demoPassword: string | undefined;
  login: { maxFailures: number; windowMinutes: number };
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = envSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Touchpoint cannot start: invalid configuration\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    authSecret: e.NEXTAUTH_SECRET,
    trustedProxies: e.TRUSTED_PROXIES,
    outboundAllowPrivate: e.OUTBOUND_ALLOW_PRIVATE,
    jobs: e.INNGEST_DEV || e.INNGEST_EVENT_KEY || e.INNGEST_BASE_URL ? "inngest" : "local",
    demoSeed: e.DEMO_SEED,
    demoPassword: e.DEMO_PASSWORD,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowMinutes: e.LOGIN_WINDOW_MINUTES },
  };
}

let cached: Config | undefined;

/** The validated configuration of this process (read once). */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
