import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/types";

export type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** Runs `statement` under EXPLAIN (ANALYZE, FORMAT JSON) and returns every node of its plan (either driver). */
export async function explainNodes(db: Db, statement: SQL): Promise<PlanNode[]> {
  const [row] = rowsOf<{ "QUERY PLAN": unknown }>(await db.execute(sql`explain (analyze, format json) ${statement}`));
  const plan = typeof row?.["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row?.["QUERY PLAN"];
  return nodesOf((plan as { Plan: PlanNode }[])[0]!.Plan);
}

/** Rows a plan's scans of the tables named by `relation` threw away by their filters, over all loops. */
export const rowsFilteredOut = (nodes: PlanNode[], relation: (name: string) => boolean) =>
  nodes.filter((n) => relation(String(n["Relation Name"] ?? ""))).reduce((sum, n) => sum + Number(n["Rows Removed by Filter"] ?? 0) * Number(n["Actual Loops"] ?? 1), 0);

/** Rows a plan read from the tables named by `relation`: returned by its scans plus thrown away by their filters, over all loops. */
export const rowsRead = (nodes: PlanNode[], relation: (name: string) => boolean) =>
  nodes.filter((n) => relation(String(n["Relation Name"] ?? ""))).reduce((sum, n) => sum + Number(n["Actual Rows"] ?? 0) * Number(n["Actual Loops"] ?? 1), 0) + rowsFilteredOut(nodes, relation);
