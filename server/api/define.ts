import type { z } from "zod";
import type { Db } from "@/db/client";
import type { ApiScope } from "./scopes";

/** Who is calling: an operator's API key, or a partner's personal token. */
export type Principal =
  | { kind: "key"; keyId: string; prefix: string; name: string; programId: string | null; scopes: string[]; createdBy: string }
  | { kind: "partner"; tokenId: string; partnerId: string };

type Obj = z.ZodObject;

export type RouteContext<P extends Obj | undefined, Q extends Obj | undefined, B extends z.ZodType | undefined, A extends "key" | "partner"> = {
  db: Db;
  principal: Extract<Principal, { kind: A }>;
  params: P extends Obj ? z.output<P> : Record<string, never>;
  query: Q extends Obj ? z.output<Q> : Record<string, never>;
  body: B extends z.ZodType ? z.output<B> : undefined;
};

/** One operation of /api/v1: its OpenAPI description and its handler, from the same zod schemas. */
export type Route<P extends Obj | undefined = Obj | undefined, Q extends Obj | undefined = Obj | undefined, B extends z.ZodType | undefined = z.ZodType | undefined, A extends "key" | "partner" = "key" | "partner"> = {
  method: "GET" | "POST" | "PATCH";
  /** OpenAPI style, relative to /api/v1: "/offers/{offerId}". */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: A;
  /** Needed by an API key (partner tokens only reach partner routes). */
  scope?: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  response: z.ZodType;
  /** Largest body accepted, in bytes (64 KiB unless the operation takes a file). */
  maxBody?: number;
  status?: 200 | 201;
  handle: (ctx: RouteContext<P, Q, B, A>) => Promise<unknown>;
};

export type AnyRoute = Route<Obj | undefined, Obj | undefined, z.ZodType | undefined, "key" | "partner">;

/** Keeps each route's handler typed by its own schemas, and the list of routes uniform. */
export function route<P extends Obj | undefined = undefined, Q extends Obj | undefined = undefined, B extends z.ZodType | undefined = undefined, A extends "key" | "partner" = "key">(
  r: Route<P, Q, B, A>,
): AnyRoute {
  return r as unknown as AnyRoute;
}
