import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const badgeVariants = cva("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", {
  variants: {
    tone: {
      neutral: "bg-slate-50 text-slate-700 ring-slate-600/20",
      info: "bg-blue-50 text-blue-700 ring-blue-700/20",
      success: "bg-green-50 text-green-700 ring-green-600/20",
      warning: "bg-amber-50 text-amber-800 ring-amber-600/20",
      danger: "bg-red-50 text-red-700 ring-red-600/20",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Badge({ className, tone, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
