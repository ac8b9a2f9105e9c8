import { z } from "zod";
import { PRESET_NAMES } from "./presets";
import { FIELDS } from "./types";

/** Files uploaded through the admin page; larger exports go through `npm run import`, which streams any size. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const allFields = [...new Set(Object.values(FIELDS).flat())] as [string, ...string[]];

export const runImportInput = z.object({
  preset: z.enum(PRESET_NAMES, "Pick the platform the file comes from"),
  programId: z.string().trim().min(1, "Pick the program to import into").max(64),
  fileName: z.string().trim().min(1, "Choose a CSV file").max(300),
  csv: z.string().min(1, "Choose a CSV file").max(MAX_UPLOAD_BYTES, "The file is larger than 10 MB: import it with npm run import"),
  dryRun: z.boolean(),
  /** Our field -> the file's column, for the generic preset (empty values are dropped). */
  mapping: z
    .partialRecord(z.enum(allFields), z.string().trim().max(200, "Column names are at most 200 characters"))
    .optional()
    .transform((m): Record<string, string> | undefined => (m ? Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")) : undefined)),
});
export type RunImportFormInput = z.input<typeof runImportInput>;
