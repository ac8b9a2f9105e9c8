"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { FlaskConical, Upload } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Progress } from "@/components/ui/progress";
import type { AppRouter } from "@/server/trpc/root";
import type { inferRouterOutputs } from "@trpc/server";
import { MAX_UPLOAD_BYTES, runImportInput } from "@/server/imports/schemas";
import { ImportReportView } from "./import-report";

type Options = inferRouterOutputs<AppRouter>["imports"]["options"];
type Kind = keyof Options["fields"];

/** The header row of a CSV (quoted cells too), for the column mapping. */
function headerOf(text: string): string[] {
  const line = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells.filter(Boolean);
}

/** Upload, preset, program, the generic preset's column mapping, dry run or import, progress and the report. */
export function ImportForm({ options }: { options: Options }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [preset, setPreset] = useState<string>("");
  const [programId, setProgramId] = useState(options.programs.length === 1 ? options.programs[0]!.id : "");
  const [file, setFile] = useState<{ name: string; text: string; header: string[]; rows: number } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>("partners");
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const run = useMutation(trpc.imports.run.mutationOptions({ onSuccess: (r) => (r.dryRun ? undefined : router.refresh()) }));
  const { errors, formError, check, reset } = useFormErrors(run.error);
  // while an import runs, its stored counts grow batch by batch
  const live = useQuery({ ...trpc.imports.list.queryOptions(), enabled: run.isPending && !run.variables?.dryRun, refetchInterval: 1000 });
  const running = live.data?.find((i) => i.status === "running" && i.fileName === file?.name);

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    run.reset();
    setFileError(null);
    const f = e.target.files?.[0];
    if (!f) return setFile(null);
    if (f.size > MAX_UPLOAD_BYTES) {
      setFile(null);
      return setFileError("The file is larger than 10 MB: import it with npm run import, which streams any size.");
    }
    const text = await f.text();
    const header = headerOf(text);
    setFile({ name: f.name, text, header, rows: Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== "").length - 1) });
    // start from the columns named as our fields
    setMapping(Object.fromEntries(options.fields[kind].map((field) => [field, header.find((h) => h.toLowerCase() === field) ?? ""])));
  }

  function submit(dryRun: boolean) {
    const input = { preset, programId, fileName: file?.name ?? "", csv: file?.text ?? "", dryRun, mapping: preset === "generic" ? mapping : undefined };
    if (!file) setFileError("Choose a CSV file");
    if (check(runImportInput, input) && file) run.mutate(input as Parameters<typeof run.mutate>[0]);
  }

  const presetInfo = options.presets.find((p) => p.name === preset);
  const result = run.data;
  return (
    <div className="space-y-6">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
      >
        <FormError message={formError} />
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Platform the file comes from" error={errors.preset} hint={presetInfo ? `Export: ${presetInfo.source}` : undefined}>
            {(p) => (
              <Select {...p} name="preset" value={preset} onChange={(e) => (setPreset(e.target.value), reset(), run.reset())}>
                <option value="" disabled>
                  Select a platform
                </option>
                {options.presets.map((o) => (
                  <option key={o.name} value={o.name}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Program to import into" error={errors.programId}>
            {(p) => (
              <Select {...p} name="programId" value={programId} onChange={(e) => setProgramId(e.target.value)}>
                <option value="" disabled>
                  Select a program
                </option>
                {options.programs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Field label="CSV file" error={fileError ?? errors.csv ?? errors.fileName ?? errors.file} hint={file ? `${file.name}: ${file.rows} rows, columns ${file.header.slice(0, 6).join(", ")}${file.header.length > 6 ? " ..." : ""}` : "Import the partners file first, then customers, coupons and conversions."}>
          {(p) => <Input {...p} type="file" name="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} />}
        </Field>
        {presetInfo && preset !== "generic" ? (
          <p className="text-sm text-slate-600">
            Recognised exports: {presetInfo.kinds.map((k) => `${k.kind} (${k.columns.slice(0, 4).join(", ")} ...)`).join("; ")}.
          </p>
        ) : null}
        {preset === "generic" && file ? (
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-4" data-testid="column-mapping">
            <legend className="px-1 text-sm font-semibold text-slate-900">Column mapping</legend>
            {errors.mapping ? <p className="text-sm text-red-600">{errors.mapping}</p> : null}
            <Field label="What the file holds">
              {(p) => (
                <Select {...p} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                  {(Object.keys(options.fields) as Kind[]).map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {options.fields[kind].map((field) => (
                <Field key={field} label={`${field}${(options.required[kind] as readonly string[]).includes(field) ? " (required)" : ""}`}>
                  {(p) => (
                    <Select {...p} value={mapping[field] ?? ""} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })}>
                      <option value="">Not in the file</option>
                      {file.header.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <Button type="button" variant="secondary" disabled={run.isPending} onClick={() => submit(true)}>
            <FlaskConical aria-hidden /> Dry run
          </Button>
          <Button type="submit" disabled={run.isPending}>
            <Upload aria-hidden /> Import
          </Button>
        </div>
      </form>
      {run.isPending ? (
        <div className="space-y-2" data-testid="import-progress">
          <p className="text-sm text-slate-700">{run.variables?.dryRun ? "Checking every row (nothing is written)..." : `Importing: ${running?.rowsRead ?? 0} of ${file?.rows ?? "?"} rows read`}</p>
          <Progress value={running?.rowsRead ?? 0} max={run.variables?.dryRun ? 0 : (file?.rows ?? 0)} label="Import progress" />
        </div>
      ) : null}
      {result ? (
        <section className="space-y-3" aria-live="polite">
          <h2 className="text-base font-semibold text-slate-900">
            {result.dryRun ? "Dry run: nothing was written" : "Imported"} — {result.kind} file, {result.rowsRead} rows read
          </h2>
          <p className="text-sm text-slate-700" data-testid="import-summary">
            import: {result.ok} rows ok, {result.refused} rows with errors, {result.skipped} skipped as already imported
            {result.importId ? (
              <>
                {" "}
                ·{" "}
                <Link className="font-medium text-brand-700 underline" href={`/admin/imports/${result.importId}`}>
                  Open the report
                </Link>
              </>
            ) : null}
          </p>
          <ImportReportView report={result.report} />
        </section>
      ) : null}
    </div>
  );
}
