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
  /** Where to also write the first-run setup link (for automated tests); it is always printed. */
  SETUP_LINK_FILE: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465")
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default("Touchpoint <no-reply@localhost>"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // Raw clicks are needed for attribution windows and fraud look-backs (up to a year): keep at least 13 months.
  /** Object storage: unset keeps files on local disk under DATA_DIR/files; set to use an S3-compatible bucket. */
  S3_BUCKET: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3-63 lowercase letters, digits, dots, dashes)").optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000" }).optional(),
  S3_REGION: z.string().trim().min(1).max(64).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).max(256).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(256).optional(),
  /** Path-style URLs (endpoint/bucket/key): needed by most self-hosted S3-compatible servers. */
  S3_FORCE_PATH_STYLE: bool.optional(),
  S3_PREFIX: z.string().trim().regex(/^[a-z0-9][a-z0-9/_-]*$/i, "must be letters, digits, '/', '_' or '-'").max(200).optional(),
  /** AES-256 key for partner documents at rest: 32 random bytes, base64 (openssl rand -base64 32). */
  DOCUMENTS_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, "base64").length === 32, "must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)")
    .optional(),
  CLICK_RETENTION_MONTHS: z.coerce.number({ error: "must be a whole number of months (13 or more)" }).int().min(13, "must be 13 months or more (attribution and fraud look back up to a year)").max(1200).optional(),
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
  setupLinkFile: string | undefined;
  login: { maxFailures: number; windowMinutes: number };
  /** Without an SMTP URL, mail is kept for the dev mailbox page (/admin/mailbox) instead of being sent. */
  mail: { smtpUrl: string | undefined; from: string };
  /** Whole months of raw clicks kept (older monthly partitions are dropped; rollups stay). Unset: kept forever. */
  clickRetentionMonths: number | undefined;
  /** Where uploaded files live: local disk under `dataDir/files` unless an S3 bucket is configured. */
  storage: StorageConfig;
  /** Partner documents' encryption key (base64). Unset: development generates one under the data directory; production refuses uploads. */
  documentsKey: string | undefined;
};

export type StorageConfig =
  /** `root` may be relative to the working directory (it is resolved when the storage opens). */
  | { kind: "local"; root: string }
  | {
      kind: "s3";
      bucket: string;
      endpoint: string | undefined;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      forcePathStyle: boolean;
      prefix: string;
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
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      "Touchpoint cannot start: invalid configuration\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither (neither uses the AWS default credential chain)",
    );
  }
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
    setupLinkFile: e.SETUP_LINK_FILE,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, windowMinutes: e.LOGIN_WINDOW_MINUTES },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    clickRetentionMonths: e.CLICK_RETENTION_MONTHS,
    storage: e.S3_BUCKET
      ? {
          kind: "s3",
          bucket: e.S3_BUCKET,
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          credentials:
            e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
              : undefined,
          forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
          prefix: e.S3_PREFIX ? e.S3_PREFIX.replace(/\/?$/, "/") : "",
        }
      : { kind: "local", root: `${e.DATA_DIR.replace(/\/$/, "")}/files` },
    documentsKey: e.DOCUMENTS_KEY,
  };
}

let cached: Config | undefined;

/** The validated configuration of this process (read once). */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
