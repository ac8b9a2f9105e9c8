import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

export type LogField = { name: string; label: string; placeholder?: string; options?: readonly { value: string; label: string }[]; type?: string };

/** A GET form: the filters live in the URL, so a filtered log can be linked and reloaded. */
export function LogFilters({ fields, values, action }: { fields: LogField[]; values: Record<string, string | undefined>; action: string }) {
  return (
    <form action={action} method="get" className="grid gap-3 p-4 sm:grid-cols-3 lg:grid-cols-5">
      {fields.map((f) => (
        <div key={f.name}>
          <Label htmlFor={`f-${f.name}`}>{f.label}</Label>
          {f.options ? (
            <Select id={`f-${f.name}`} name={f.name} defaultValue={values[f.name] ?? ""}>
              <option value="">Any</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : (
            <Input id={`f-${f.name}`} name={f.name} type={f.type ?? "text"} defaultValue={values[f.name] ?? ""} placeholder={f.placeholder} maxLength={200} />
          )}
        </div>
      ))}
      <div className="flex items-end gap-2">
        <Button type="submit">Filter</Button>
        <a href={action} className="text-sm text-slate-600 hover:underline">
          Clear
        </a>
      </div>
    </form>
  );
}
