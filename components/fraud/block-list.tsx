"use client";

import { useMutation } from "@tanstack/react-query";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { formatDate } from "@/components/format";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";

export type BlockRow = {
  block: { id: string; kind: "ip" | "cidr" | "sub_id"; value: string; reason: string; createdAt: Date; revokedAt: Date | null };
  partnerName: string | null;
};

const KIND = { ip: "IP", cidr: "Range", sub_id: "Sub-ID" } as const;

/** The block list, newest first. Lifting a block keeps its row (struck through) so past decisions still read. */
export function BlockList({ blocks }: { blocks: BlockRow[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const unblock = useMutation(trpc.fraud.unblock.mutationOptions(refresh));
  return (
    <>
      {unblock.error ? <p className="px-4 py-2 text-sm text-red-600">{errorMessage(unblock.error)}</p> : null}
      <Table>
        <THead>
          <tr>
            <TH>Blocked</TH>
            <TH>Partner</TH>
            <TH>Reason</TH>
            <TH>Since</TH>
            <TH className="sr-only">Actions</TH>
          </tr>
        </THead>
        <TBody>
          {blocks.map(({ block: b, partnerName }) => (
            <tr key={b.id} data-testid="block-row" className={b.revokedAt ? "text-slate-400" : undefined}>
              <TD>
                <Badge tone="neutral" className="mr-2">
                  {KIND[b.kind]}
                </Badge>
                <span className={b.revokedAt ? "font-mono text-xs line-through" : "font-mono text-xs text-slate-900"}>{b.value}</span>
              </TD>
              <TD>{partnerName ?? <span className="text-slate-400">All partners</span>}</TD>
              <TD className="max-w-80">{b.reason}</TD>
              <TD className="whitespace-nowrap">
                {formatDate(b.createdAt)}
                {b.revokedAt ? <span className="block text-xs">lifted {formatDate(b.revokedAt)}</span> : null}
              </TD>
              <TD className="text-right">
                {b.revokedAt ? null : (
                  <Button size="sm" variant="ghost" disabled={unblock.isPending} onClick={() => unblock.mutate({ blockId: b.id })} aria-label={`Lift block of ${b.value}`}>
                    Lift
                  </Button>
                )}
              </TD>
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
