import { ZodError } from "zod";
import { DomainError, type DomainErrorCode } from "@/server/errors";

export type FieldError = { field: string; message: string };
export type Problem = { type: string; title: string; status: number; code: string; detail?: string; errors: FieldError[] };

const STATUS: Record<DomainErrorCode, number> = { BAD_REQUEST: 422, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHORIZED: 401 };
const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal error",
  503: "Service unavailable",
};

/** An `application/problem+json` answer (RFC 9457) with a stable `code` and every bad field. */
export function problem(status: number, code: string, detail: string, errors: FieldError[] = [], headers: Record<string, string> = {}): Response {
  const body: Problem = { type: `https://touchpoint.dev/problems/${code}`, title: TITLES[status] ?? "Error", status, code, detail, errors };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers } });
}

export const fieldErrors = (err: ZodError): FieldError[] => err.issues.map((i) => ({ field: i.path.map(String).join(".") || "(body)", message: i.message }));

/** A request the API refused on purpose: thrown by handlers and answered as a problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Domain refusals and validation errors become problems; anything else is for the caller to treat as a 500. */
export function toProblem(err: unknown): Response | null {
  if (err instanceof ApiError) return problem(err.status, err.code, err.message, err.errors);
  if (err instanceof ZodError) return problem(422, "validation_failed", "Some fields are not valid.", fieldErrors(err));
  if (err instanceof DomainError) {
    const status = STATUS[err.code];
    return problem(status, err.code.toLowerCase(), err.message, err.field ? [{ field: err.field, message: err.message }] : []);
  }
  return null;
}
