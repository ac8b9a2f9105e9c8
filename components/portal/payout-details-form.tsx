"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormError, formValues, useFormErrors } from "@/components/forms/use-form-errors";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";

type Method = "bank_transfer" | "paypal" | "crypto" | "other";
type Details =
  | { method: "bank_transfer"; accountHolder: string; iban: string; bic: string | null }
  | { method: "paypal"; email: string }
  | { method: "crypto"; address: string; network: string; asset: string }
  | { method: "other"; instructions: string };

const NETWORKS = [
  { value: "bitcoin", label: "Bitcoin" },
  { value: "ethereum", label: "Ethereum (ERC-20)" },
  { value: "tron", label: "Tron (TRC-20)" },
  { value: "solana", label: "Solana" },
];

/** Where the partner is paid. The IBAN's check digits are verified before saving, so a typo never sends money astray. */
export function PayoutDetailsForm({ details }: { details: Details | null }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const [method, setMethod] = useState<Method>(details?.method ?? "bank_transfer");
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.partner.savePayoutDetails.mutationOptions({ onSuccess: () => (setSaved(true), refresh.onSuccess()) }));
  const { errors, formError, reset } = useFormErrors(save.error);
  const d = (details ?? { method: null }) as Partial<Record<string, string | null>>;
  const same = details?.method === method;
  const initial = (k: string) => (same ? (d[k] ?? "") : "");

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    save.reset();
    // The schema lives beside the database code (server only), so the server checks and answers per field.
    save.mutate({ ...formValues(e.currentTarget), method } as Parameters<typeof save.mutate>[0]);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 px-5 py-4" noValidate aria-label="Payout details">
      <FormError message={formError} />
      <Field label="Payment method" error={errors.method}>
        {(p) => (
          <Select
            {...p}
            value={method}
            onChange={(e) => {
              setMethod(e.target.value as Method);
              reset();
              save.reset();
              setSaved(false);
            }}
            className="sm:max-w-xs"
          >
            <option value="bank_transfer">Bank transfer (IBAN)</option>
            <option value="paypal">PayPal</option>
            <option value="crypto">Crypto wallet</option>
            <option value="other">Other</option>
          </Select>
        )}
      </Field>
      {method === "bank_transfer" ? (
        <div key="bank" className="grid gap-4 sm:grid-cols-2">
          <Field label="Account holder" error={errors.accountHolder}>
            {(p) => <Input {...p} name="accountHolder" defaultValue={initial("accountHolder")} autoComplete="name" maxLength={140} />}
          </Field>
          <Field label="IBAN" error={errors.iban} hint="Spaces are fine, e.g. DE89 3704 0044 0532 0130 00">
            {(p) => <Input {...p} name="iban" defaultValue={initial("iban")} autoComplete="off" spellCheck={false} className="font-mono uppercase" maxLength={50} />}
          </Field>
          <Field label="BIC / SWIFT (optional)" error={errors.bic}>
            {(p) => <Input {...p} name="bic" defaultValue={initial("bic")} autoComplete="off" spellCheck={false} className="font-mono uppercase" maxLength={11} />}
          </Field>
        </div>
      ) : method === "paypal" ? (
        <div key="paypal" className="grid gap-4 sm:grid-cols-2">
          <Field label="PayPal e-mail" error={errors.email}>
            {(p) => <Input {...p} name="email" type="email" defaultValue={initial("email")} autoComplete="email" maxLength={254} />}
          </Field>
        </div>
      ) : method === "crypto" ? (
        <div key="crypto" className="grid gap-4 sm:grid-cols-[1fr_1fr_2fr]">
          <Field label="Network" error={errors.network}>
            {(p) => (
              <Select {...p} name="network" defaultValue={initial("network") || "tron"}>
                {NETWORKS.map((n) => (
                  <option key={n.value} value={n.value}>
                    {n.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Asset" error={errors.asset}>
            {(p) => <Input {...p} name="asset" defaultValue={initial("asset")} placeholder="USDT" className="uppercase" maxLength={10} />}
          </Field>
          <Field label="Wallet address" error={errors.address}>
            {(p) => <Input {...p} name="address" defaultValue={initial("address")} spellCheck={false} className="font-mono" maxLength={128} />}
          </Field>
        </div>
      ) : (
        <Field key="other" label="Payment instructions" error={errors.instructions}>
          {(p) => <Textarea {...p} name="instructions" defaultValue={initial("instructions")} rows={3} maxLength={1000} />}
        </Field>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save payout details"}
        </Button>
        <span aria-live="polite" className="text-sm text-green-700">
          {saved ? "Saved" : ""}
        </span>
      </div>
    </form>
  );
}
