"use client";

import { useMutation } from "@tanstack/react-query";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { formatDate } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { errorMessage, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";

type Request = { id: string; partnerName: string; status: "pending" | "approved" | "denied"; message: string | null; createdAt: Date };

/** Partners' requests to promote an offer shown on request: approve (the partner gets a link at once) or deny. */
export function AccessRequests({ requests }: { requests: Request[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const decide = useMutation(trpc.offers.decideAccess.mutationOptions(refresh));
  return (
    <>
      {decide.error ? (
        <p role="alert" className="px-5 pt-3 text-sm text-red-600">
          {errorMessage(decide.error)}
        </p>
      ) : null}
      <Table>
        <THead>
          <tr>
            <TH>Partner</TH>
            <TH>Asked</TH>
            <TH>Status</TH>
            <TH className="text-right">Action</TH>
          </tr>
        </THead>
        <TBody>
          {requests.map((r) => (
            <tr key={r.id} data-testid="access-request-row" className="align-top">
              <TD>
                <p className="font-medium text-slate-900">{r.partnerName}</p>
                {r.message ? <p className="mt-0.5 max-w-md text-xs text-slate-500">{r.message}</p> : null}
              </TD>
              <TD className="whitespace-nowrap">{formatDate(r.createdAt)}</TD>
              <TD>
                <StatusBadge status={r.status} />
              </TD>
              <TD>
                <div className="flex justify-end gap-2">
                  {r.status !== "approved" ? (
                    <Button size="sm" disabled={decide.isPending} onClick={() => decide.mutate({ requestId: r.id, decision: "approve" })} aria-label={`Approve ${r.partnerName}`}>
                      Approve
                    </Button>
                  ) : null}
                  {r.status !== "denied" ? (
                    <Button size="sm" variant="secondary" disabled={decide.isPending} onClick={() => decide.mutate({ requestId: r.id, decision: "deny" })} aria-label={`Deny ${r.partnerName}`}>
                      Deny
                    </Button>
                  ) : null}
                </div>
              </TD>
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
