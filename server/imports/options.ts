import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { programs } from "@/db/schema";
import { PRESET_NAMES, PRESETS } from "./presets";
import { FIELDS, REQUIRED } from "./types";

/** What the import page offers: the presets with the columns each kind of their export has, our fields, the programs. */
export async function importOptions(db: DbOrTx) {
  const list = await db.select({ id: programs.id, name: programs.name }).from(programs).where(eq(programs.status, "active")).orderBy(asc(programs.name));
  return {
    presets: PRESET_NAMES.map((name) => ({
      name,
      label: PRESETS[name].label,
      source: PRESETS[name].source,
      kinds: Object.entries(PRESETS[name].kinds).map(([kind, m]) => ({ kind, columns: [...new Set(Object.values(m.columns as Record<string, string>))] })),
    })),
    fields: FIELDS,
    required: REQUIRED,
    programs: list,
  };
}
