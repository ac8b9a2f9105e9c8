import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { fraudProgramSettings, offers, partners, payoutBatches, payoutDefaults, programs, teamSettings, users, webhookEndpoints } from "@/db/schema";

type Input = Record<string, unknown>;
type Snapshot = (db: DbOrTx, input: Input) => Promise<unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : "");

const program = (db: DbOrTx, input: Input) =>
  db
    .select({ ipAllowlist: programs.postbackIpAllowlist, signingSecretCount: programs.signingSecrets })
    .from(programs)
    .where(eq(programs.id, str(input.programId)))
    .then(([p]) => (p ? { ipAllowlist: p.ipAllowlist, signingSecretCount: p.signingSecretCount.length } : null));

const batch = (db: DbOrTx, input: Input) =>
  db
    .select({ status: payoutBatches.status, total: payoutBatches.total, currency: payoutBatches.currency, reference: payoutBatches.reference, failureReason: payoutBatches.failureReason })
    .from(payoutBatches)
    .where(eq(payoutBatches.id, str(input.batchId)))
    .then(([b]) => b ?? null);

const member = (db: DbOrTx, input: Input) =>
  db
    .select({ email: users.email, role: users.role, status: users.status, twoFactor: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, str(input.userId)))
    .then(([u]) => (u ? { ...u, twoFactor: u.twoFactor !== null } : null));

/** An endpoint's settings; of its secrets only whether one was rotated and until when the old one signs. */
const webhookEndpoint = (db: DbOrTx, input: Input) =>
  db
    .select({ url: webhookEndpoints.url, description: webhookEndpoints.description, events: webhookEndpoints.events, enabled: webhookEndpoints.enabled, previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, str(input.endpointId)))
    .then(([e]) => e ?? null);

/**
 * The state an audited mutation changes, read before and after it runs, by procedure path. The generic
 * entry (who, what, which object, input and outcome) is written for every mutation; these add before/after
 * where it matters: settings, secrets, roles, payouts.
 */
export const AUDIT_SNAPSHOTS: Record<string, Snapshot> = {
  "programs.setIpAllowlist": program,
  "programs.generateSigningSecret": program,
  "programs.retireSigningSecret": program,
  "admin.setPayoutSettings": (db) =>
    db
      .select({ settings: payoutDefaults.settings })
      .from(payoutDefaults)
      .then(([d]) => d?.settings ?? null),
  "admin.setProgramPayoutSettings": (db, input) =>
    db
      .select({ payoutSettings: programs.payoutSettings })
      .from(programs)
      .where(eq(programs.id, str(input.programId)))
      .then(([p]) => (p ? { payoutSettings: p.payoutSettings } : null)),
  "admin.approvePayoutBatch": batch,
  "webhooks.update": webhookEndpoint,
  "webhooks.setEnabled": webhookEndpoint,
  "webhooks.delete": webhookEndpoint,
  "webhooks.rotateSecret": webhookEndpoint,
  "admin.refreshPayoutBatch": batch,
  "admin.markBatchPaid": batch,
  "admin.markBatchFailed": batch,
  "admin.reviewPartner": (db, input) =>
    db
      .select({ status: partners.status, reviewNote: partners.reviewNote, managerUserId: partners.managerUserId })
      .from(partners)
      .where(eq(partners.id, str(input.partnerId)))
      .then(([p]) => p ?? null),
  "fraud.setProgramSettings": (db, input) =>
    db
      .select()
      .from(fraudProgramSettings)
      .where(eq(fraudProgramSettings.programId, str(input.programId)))
      .then(([s]) => s ?? null),
  "offers.update": (db, input) =>
    db
      .select()
      .from(offers)
      .where(eq(offers.id, str(input.offerId)))
      .then(([o]) => o ?? null),
  "team.changeRole": member,
  "team.deactivate": member,
  "team.reactivate": member,
  "team.setRequireTwoFactor": (db) =>
    db
      .select({ requireTwoFactor: teamSettings.requireTwoFactor })
      .from(teamSettings)
      .then(([s]) => s ?? { requireTwoFactor: false }),
};
