"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError, useFormErrors } from "@/components/forms/use-form-errors";
import { minorToDecimal } from "@/components/plans/terms-draft";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { parseMoneyInput } from "@/components/forms/money-input";

type Settings = { schedule: { frequency: "monthly" | "weekly" | "manual"; day: number }; thresholds: Record<string, number> };

/**
 * When scheduled batches are made, and each currency's minimum payout (entered as decimals): the operator's
 * default, or with `program` one program's own (which can also go back to following the default).
 * `minimums` is each currency's minimum in force (its own, or the default), in minor units.
 */
export function PayoutSettingsForm({ settings, minimums, program }: { settings: Settings; minimums: Record<string, number>; program?: { id: string; inherits: boolean } }) {
  const currencies = Object.keys(minimums).sort();
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [frequency, setFrequency] = useState(settings.schedule.frequency);
  const [inherit, setInherit] = useState(program?.inherits ?? false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const onSuccess = () => (setSaved(true), refresh.onSuccess());
  const saveDefault = useMutation(trpc.admin.setPayoutSettings.mutationOptions({ onSuccess }));
  const saveProgram = useMutation(trpc.admin.setProgramPayoutSettings.mutationOptions({ onSuccess }));
  const save = program ? saveProgram : saveDefault;
  const { errors, formError } = useFormErrors(save.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    if (program && inherit) {
      setLocal({});
      saveProgram.mutate({ programId: program.id, inherit: true });
      return;
    }
    const v = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    const dayText = String(v.get("day") ?? "1").trim();
    const day = frequency === "manual" ? settings.schedule.day : Number(dayText);
    if (frequency === "monthly" && !(Number.isInteger(day) && day >= 1 && day <= 28)) next.day = "Use a day from 1 to 28, so every month has it";
    if (frequency === "weekly" && !(Number.isInteger(day) && day >= 1 && day <= 7)) next.day = "Use 1 (Monday) to 7 (Sunday)";
    const thresholds: Record<string, number> = {};
    for (const c of currencies) {
      const r = parseMoneyInput(String(v.get(`threshold-${c}`) ?? ""), c);
      if (r.ok) thresholds[c] = r.minor;
      else next[`threshold-${c}`] = r.message;
    }
    setLocal(next);
    if (Object.keys(next).length > 0) return;
    const values = { frequency, day: Math.max(1, day), thresholds };
    if (program) saveProgram.mutate({ programId: program.id, inherit: false, ...values });
    else saveDefault.mutate(values);
  }

  const err = (k: string) => local[k] ?? errors[k];
  return (
    <form onSubmit={onSubmit} className="space-y-4 px-5 py-4" noValidate aria-label="Payout settings">
      <FormError message={formError ?? (errors.thresholds ? `Minimums: ${errors.thresholds}` : null)} />
      {program ? (
        <Field label="This program's payouts" hint="Its own schedule and minimums batch this program's money separately">
          {(p) => (
            <Select {...p} name="source" value={inherit ? "default" : "own"} onChange={(e) => setInherit(e.target.value === "default")}>
              <option value="default">Follow the default payout settings</option>
              <option value="own">Use its own schedule and minimums</option>
            </Select>
          )}
        </Field>
      ) : null}
      {program && inherit ? null : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Field label="Schedule" hint="Scheduled batches are drafts: you still approve and pay them">
              {(p) => (
                <Select {...p} name="frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as Settings["schedule"]["frequency"])}>
                  <option value="monthly">Monthly</option>
                  <option value="weekly">Weekly</option>
                  <option value="manual">Manual only</option>
                </Select>
              )}
            </Field>
            {frequency !== "manual" ? (
              <Field label={frequency === "monthly" ? "Day of the month (1–28)" : "Weekday (1 = Monday, 7 = Sunday)"} error={err("day")}>
                {(p) => <Input {...p} key={frequency} name="day" type="number" inputMode="numeric" min={1} max={frequency === "monthly" ? 28 : 7} defaultValue={settings.schedule.day} />}
              </Field>
            ) : null}
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Minimum payout per currency</legend>
            <p className="text-sm text-slate-500">Partners below it roll over to the next batch.</p>
            <div className="mt-2 grid gap-4 sm:grid-cols-3 lg:grid-cols-4">
              {currencies.map((c) => (
                <Field key={c} label={`Minimum ${c}`} error={err(`threshold-${c}`)}>
                  {(p) => <Input {...p} name={`threshold-${c}`} inputMode="decimal" defaultValue={minorToDecimal(minimums[c] ?? 0, c)} />}
                </Field>
              ))}
            </div>
          </fieldset>
        </>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save payout settings"}
        </Button>
        <span aria-live="polite" className="text-sm text-green-700">
          {saved ? "Saved" : ""}
        </span>
      </div>
    </form>
  );
}
