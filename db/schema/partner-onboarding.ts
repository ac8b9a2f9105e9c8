import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { partners } from "./partners";
import { programs, sqlList } from "./programs";
import { users } from "./users";
import { QUESTION_KINDS } from "./values";

export { QUESTION_KINDS };

export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A question the program asks on /signup. Removing one archives it, so the answers already given stay readable. */
export const signupQuestions = pgTable(
  "signup_questions",
  {
    id: id("signupQuestion"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    label: text().notNull(),
    kind: text().$type<QuestionKind>().notNull(),
    /** The choices of a "select" question. */
    options: text().array().notNull().default([]),
    required: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("signup_questions_kind_ck", sql`${t.kind} in (${sqlList(QUESTION_KINDS)})`),
    // the sign-up form's questions in order
    index("signup_questions_program_idx").on(t.programId, t.position),
  ],
);

/** A partner's answer to a sign-up question (a checkbox answers "yes" or "no"). */
export const signupAnswers = pgTable(
  "signup_answers",
  {
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    questionId: text()
      .notNull()
      .references(() => signupQuestions.id),
    value: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.questionId] }), index("signup_answers_question_idx").on(t.questionId)],
);

/** Published versions of a program's terms and conditions; append-only, the newest is in force. */
export const termsVersions = pgTable(
  "terms_versions",
  {
    id: id("termsVersion"),
    programId: text()
      .notNull()
      .references(() => programs.id),
    version: integer().notNull(),
    body: text().notNull(),
    publishedBy: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("terms_versions_program_version_uq").on(t.programId, t.version)],
);

/** A partner's acceptance of one version of the terms, with when and from which IP. */
export const termsAcceptances = pgTable(
  "terms_acceptances",
  {
    id: id("termsAcceptance"),
    partnerId: text()
      .notNull()
      .references(() => partners.id),
    termsVersionId: text()
      .notNull()
      .references(() => termsVersions.id),
    ip: text(),
    acceptedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("terms_acceptances_partner_version_uq").on(t.partnerId, t.termsVersionId),
    index("terms_acceptances_version_idx").on(t.termsVersionId),
  ],
);

/**
 * A sign-up invitation link (/signup?invite=<token>): lets one person sign up, also when the program is
 * invitation-only, until it expires. Only the SHA-256 of the token is stored.
 */
export const partnerInvites = pgTable(
  "partner_invites",
  {
    id: id("partnerInvite"),
    tokenHash: text().notNull(),
    /** Who it is meant for (shown to the admin only). */
    note: text(),
    /** The partner is approved at sign-up instead of waiting for review. */
    approve: boolean().notNull().default(false),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp({ withTimezone: true, mode: "date" }),
    usedByPartnerId: text().references(() => partners.id),
    createdBy: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("partner_invites_token_hash_uq").on(t.tokenHash), index("partner_invites_created_idx").on(t.createdAt)],
);
