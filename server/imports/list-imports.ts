import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { imports, programs, users } from "@/db/schema";
import { DomainError } from "@/server/errors";

const columns = {
  id: imports.id,
  programId: imports.programId,
  programName: programs.name,
  preset: imports.preset,
  fileKind: imports.fileKind,
  fileName: imports.fileName,
  status: imports.status,
  rowsRead: imports.rowsRead,
  rowsOk: imports.rowsOk,
  rowsRefused: imports.rowsRefused,
  rowsSkipped: imports.rowsSkipped,
  failureReason: imports.failureReason,
  actorName: users.name,
  createdAt: imports.createdAt,
  finishedAt: imports.finishedAt,
};

/** The newest imports, with their counts (a running one's grow batch by batch: the page's progress). */
export async function listImports(db: DbOrTx, limit = 50) {
  return db.select(columns).from(imports).innerJoin(programs, eq(programs.id, imports.programId)).leftJoin(users, eq(users.id, imports.actorId)).orderBy(desc(imports.createdAt)).limit(limit);
}

/** One import with its reconciliation report. */
export async function getImport(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ ...columns, report: imports.report, mapping: imports.mapping })
    .from(imports)
    .innerJoin(programs, eq(programs.id, imports.programId))
    .leftJoin(users, eq(users.id, imports.actorId))
    .where(eq(imports.id, id));
  if (!row) throw new DomainError("NOT_FOUND", "There is no such import", "id");
  return row;
}
