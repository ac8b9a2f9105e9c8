"use client";

import { useMutation } from "@tanstack/react-query";
import { useRefreshOnSuccess } from "@/components/admin/use-admin-mutation";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { errorMessage, useTRPC } from "@/components/trpc";
import { ROLE_LABELS } from "./roles";

type Member = { id: string; name: string; role: string; status: string };

/** Change role, deactivate or reactivate one member (only roles the signed-in member may give are offered). */
export function MemberActions({ member, roles }: { member: Member; roles: string[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshOnSuccess();
  const changeRole = useMutation(trpc.team.changeRole.mutationOptions(refresh));
  const deactivate = useMutation(trpc.team.deactivate.mutationOptions(refresh));
  const reactivate = useMutation(trpc.team.reactivate.mutationOptions(refresh));
  if (!roles.includes(member.role)) return <span className="text-xs text-slate-500">{member.role === "owner" ? "Owner: cannot be changed" : "Only the owner can change this member"}</span>;
  const error = changeRole.error ?? deactivate.error ?? reactivate.error;
  const pending = changeRole.isPending || deactivate.isPending || reactivate.isPending;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Select
          aria-label={`Role of ${member.name}`}
          className="w-44"
          value={member.role}
          disabled={pending || member.status === "deactivated"}
          onChange={(e) => changeRole.mutate({ userId: member.id, role: e.target.value as "admin" })}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r] ?? r}
            </option>
          ))}
        </Select>
        {member.status === "deactivated" ? (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => reactivate.mutate({ userId: member.id })} aria-label={`Reactivate ${member.name}`}>
            Reactivate
          </Button>
        ) : (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => deactivate.mutate({ userId: member.id })} aria-label={`Deactivate ${member.name}`}>
            Deactivate
          </Button>
        )}
      </div>
      {error ? <span className="text-xs text-red-600">{errorMessage(error)}</span> : null}
    </div>
  );
}
