export type DomainErrorCode = "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "UNAUTHORIZED";

/** An expected refusal with a message fit to show the user. Routers map the code to HTTP / tRPC codes. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Postgres unique_violation, from either driver (postgres.js puts it on the error, PGlite on its cause). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string };
    if (pg.code === "23505") return !constraint || (pg.constraint_name ?? pg.constraint) === constraint;
  }
  return false;
}
