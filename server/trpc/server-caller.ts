import "server-only";
import { cache } from "react";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { pageCaller } from "./page-caller";

/** tRPC for server components: the same procedures (and authorization) as the client uses. */
export const serverCaller = cache(async () => pageCaller({ db: await getDb(), user: await getSessionUser() }));
