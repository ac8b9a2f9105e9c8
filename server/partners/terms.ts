import { count, desc, eq, max } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { newId } from "@/db/ids";
import { partners, termsAcceptances, termsVersions, users } from "@/db/schema";
import { DomainError, isUniqueViolation } from "@/server/errors";
import { notify } from "@/server/notifications/notify";
import { signUpProgram } from "@/server/programs/sign-up-mode";
import type { PublishTermsInput } from "./schemas";


/** The version in force: the newest published one of the program. */
export async function currentTerms(db: DbOrTx, programId: string) {
  const [row] = await db
    .select({ id: termsVersions.id, version: termsVersions.version, body: termsVersions.body, publishedAt: termsVersions.createdAt })
    .from(termsVersions)
    .where(eq(termsVersions.programId, programId))
    .orderBy(desc(termsVersions.version))
    .limit(1);
  return row ?? null;
}

/** The terms a partner signs up under and must have accepted: the sign-up program's (see signUpProgram). */
export async function termsInForce(db: DbOrTx) {
  const program = await signUpProgram(db);
  return program ? currentTerms(db, program.id) : null;
}

/**
 * Publishes a new version. It is in force at once: sign-ups must accept it, and every approved partner is told
 * and must accept it in the portal before going on.
 */
export async function publishTerms(db: Db, input: PublishTermsInput & { actorId: string | null }) {
  try {
    return await db.transaction(async (tx) => {
      const [last] = await tx.select({ v: max(termsVersions.version) }).from(termsVersions).where(eq(termsVersions.programId, input.programId));
      const version = (last?.v ?? 0) + 1;
      const id = newId("termsVersion");
      await tx.insert(termsVersions).values({ id, programId: input.programId, version, body: input.body, publishedBy: input.actorId });
      const approved = await tx.select({ id: partners.id }).from(partners).where(eq(partners.status, "approved"));
      await notify(
        tx,
        approved.map((p) => ({ partnerId: p.id, kind: "terms_published", title: `New terms and conditions (version ${version})`, body: "Read and accept them to keep using the portal.", href: "/portal" })),
      );
      return { termsVersionId: id, version };
    });
  } catch (err) {
    if (isUniqueViolation(err, "terms_versions_program_version_uq")) throw new DomainError("CONFLICT", "Someone else published terms at the same time; reload and try again");
    if (isForeignKeyViolation(err)) throw new DomainError("NOT_FOUND", "Program not found");
    throw err;
  }
}

function isForeignKeyViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === "23503") return true;
  return false;
}

/** Every published version, newest first, with how many partners accepted each. */
export async function listTermsVersions(db: DbOrTx, programId: string) {
  return db
    .select({ id: termsVersions.id, version: termsVersions.version, body: termsVersions.body, publishedAt: termsVersions.createdAt, publishedBy: users.name, acceptances: count(termsAcceptances.id) })
    .from(termsVersions)
    .leftJoin(users, eq(users.id, termsVersions.publishedBy))
    .leftJoin(termsAcceptances, eq(termsAcceptances.termsVersionId, termsVersions.id))
    .where(eq(termsVersions.programId, programId))
    .groupBy(termsVersions.id, users.name)
    .orderBy(desc(termsVersions.version));
}

/** Records that the partner accepted this version (again is harmless), with the time and the caller's IP. */
export async function recordAcceptance(tx: DbOrTx, input: { partnerId: string; termsVersionId: string; ip: string | null }) {
  await tx.insert(termsAcceptances).values({ id: newId("termsAcceptance"), partnerId: input.partnerId, termsVersionId: input.termsVersionId, ip: input.ip }).onConflictDoNothing();
}

/** The terms in force and whether this partner has accepted them (null terms: nothing to accept). */
export async function partnerTermsStatus(db: DbOrTx, partnerId: string) {
  const terms = await termsInForce(db);
  if (!terms) return { terms: null, accepted: true, acceptedBefore: false };
  const rows = await db.select({ versionId: termsAcceptances.termsVersionId }).from(termsAcceptances).where(eq(termsAcceptances.partnerId, partnerId));
  return { terms, accepted: rows.some((r) => r.versionId === terms.id), acceptedBefore: rows.length > 0 };
}

/** A partner accepts the version in force; an older version (the page was open while a new one came) is refused. */
export async function acceptTerms(db: DbOrTx, input: { partnerId: string; termsVersionId: string; ip: string | null }) {
  const terms = await termsInForce(db);
  if (!terms || terms.id !== input.termsVersionId) throw new DomainError("CONFLICT", "These terms were replaced by a newer version: reload the page to read it");
  await recordAcceptance(db, input);
  return { accepted: true };
}

/** What the partner accepted, when and from where, newest first (the admin's partner page). */
export async function acceptancesOf(db: DbOrTx, partnerId: string) {
  return db
    .select({ version: termsVersions.version, acceptedAt: termsAcceptances.acceptedAt, ip: termsAcceptances.ip })
    .from(termsAcceptances)
    .innerJoin(termsVersions, eq(termsVersions.id, termsAcceptances.termsVersionId))
    .where(eq(termsAcceptances.partnerId, partnerId))
    .orderBy(desc(termsAcceptances.acceptedAt));
}
