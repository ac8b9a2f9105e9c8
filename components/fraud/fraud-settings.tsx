"use client";

import { useMutation } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useState } from "react";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { FormError } from "@/components/forms/use-form-errors";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormActions } from "@/components/ui/dialog-form-actions";
import { Field, Input } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import type { FraudConfig } from "@/server/fraud/rules/config";
import { configProblem, RuleSettings } from "./rule-settings";

/** The program's fraud settings: what every offer uses unless it overrides a value. */
export function ProgramFraudForm({ programId, config }: { programId: string; config: FraudConfig }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [value, setValue] = useState(config);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.fraud.setProgramSettings.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const p = configProblem(value);
    setProblem(p);
    if (!p) save.mutate({ programId, config: value });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={problem ?? (save.error ? errorMessage(save.error) : null)} />
      <RuleSettings value={value} onChange={setValue} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save program settings"}
        </Button>
        <span aria-live="polite" className="text-sm text-green-700">
          {saved ? "Saved: new checks use these settings" : ""}
        </span>
      </div>
    </form>
  );
}

type OfferRow = { id: string; name: string; status: string; config: FraudConfig; allowedCountries: string[]; overridden: number };

function OfferDialog({ offer, program }: { offer: OfferRow; program: FraudConfig }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(offer.config);
  const [countries, setCountries] = useState(offer.allowedCountries.join(", "));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation(trpc.fraud.setOfferSettings.mutationOptions({ onSuccess: () => (setOpen(false), refresh.onSuccess()) }));
  const list = countries.split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
  const badCountry = list.find((c) => !/^[A-Z]{2}$/.test(c));

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const p = badCountry ? null : configProblem(value);
    setProblem(p);
    if (!p && !badCountry) save.mutate({ offerId: offer.id, config: value, allowedCountries: list });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) return;
        setValue(offer.config);
        setCountries(offer.allowedCountries.join(", "));
        setProblem(null);
        save.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" aria-label={`Edit fraud settings of ${offer.name}`}>
          <Pencil aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent size="xl" title={`Fraud settings: ${offer.name}`} description="Values that differ from the program's are outlined: they are this offer's overrides. The rest follows the program.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={problem ?? (save.error ? errorMessage(save.error) : null)} />
          <Field label="Countries accepted" hint="Two-letter codes, e.g. DE, AT, CH. Empty accepts every country." error={badCountry ? `"${badCountry}" is not a two-letter country code` : null}>
            {(p) => <Input {...p} value={countries} onChange={(e) => setCountries(e.target.value)} placeholder="All countries" />}
          </Field>
          <RuleSettings value={value} onChange={setValue} base={program} />
          <div className="flex items-center justify-between gap-2">
            <Button type="button" variant="ghost" onClick={() => setValue(program)}>
              Use the program&apos;s values
            </Button>
            <DialogFormActions label="Save offer settings" pendingLabel="Saving…" pending={save.isPending} />
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Each offer's overrides and accepted countries. */
export function OfferFraudTable({ offers, program }: { offers: OfferRow[]; program: FraudConfig }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Offer</TH>
          <TH>Countries accepted</TH>
          <TH>Thresholds</TH>
          <TH>Overrides</TH>
          <TH className="sr-only">Edit</TH>
        </tr>
      </THead>
      <TBody>
        {offers.map((o) => (
          <tr key={o.id} data-testid="offer-fraud-row">
            <TD className="font-medium text-slate-900">{o.name}</TD>
            <TD>{o.allowedCountries.length > 0 ? o.allowedCountries.join(", ") : <span className="text-slate-400">All</span>}</TD>
            <TD className="whitespace-nowrap tabular-nums text-xs">
              flag {o.config.actions.flagAt} · hold {o.config.actions.holdAt} · reject {o.config.actions.rejectAt}
            </TD>
            <TD>{o.overridden > 0 ? <Badge tone="info">{o.overridden} overridden</Badge> : <span className="text-slate-400">Program settings</span>}</TD>
            <TD className="text-right">
              <OfferDialog offer={o} program={program} />
            </TD>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
