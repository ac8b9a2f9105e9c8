import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { programs, PROGRAM_STATUSES } from "@/db/schema";
import { listPrograms } from "@/server/programs/list-programs";
import { route } from "../define";
import { dateTime, entityId, inKeyProgram, iso, notFound } from "./common";

const program = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(PROGRAM_STATUSES),
    defaultCurrency: z.string(),
    timeZone: z.string(),
    signUpMode: z.string(),
    offers: z.number().int().meta({ description: "Offers that are not archived." }),
    createdAt: dateTime,
  })
  .meta({ id: "Program" });

async function programsOf(db: Parameters<typeof listPrograms>[0], only: string | null) {
  const all = await listPrograms(db);
  return all.filter((p) => !only || p.id === only).map((p) => ({ ...p, createdAt: iso(p.createdAt) }));
}

export const programRoutes = [
  route({
    method: "GET",
    path: "/programs",
    operationId: "listPrograms",
    summary: "List programs",
    tag: "Programs",
    auth: "key",
    scope: "programs:read",
    response: z.object({ data: z.array(program) }).meta({ id: "ProgramList" }),
    handle: async ({ db, principal }) => ({ data: await programsOf(db, principal.programId) }),
  }),
  route({
    method: "GET",
    path: "/programs/{programId}",
    operationId: "getProgram",
    summary: "Get a program",
    tag: "Programs",
    auth: "key",
    scope: "programs:read",
    params: z.object({ programId: entityId }),
    response: program,
    handle: async ({ db, principal, params }) => {
      const [visible] = await db.select({ id: programs.id }).from(programs).where(and(eq(programs.id, params.programId), inKeyProgram(principal, programs.id)));
      const [p] = visible ? await programsOf(db, visible.id) : [];
      return p ?? notFound("Program");
    },
  }),
];


