import { redirect } from "next/navigation";
import { createCaller } from "./root";
import type { Context } from "./init";

/**
 * The caller pages use. A page renders beside its layout, so when a signed-out visitor opens `/admin` the page's
 * queries run while the layout's guard redirects; a bare UNAUTHORIZED there would be logged as a server error.
 * Such a page redirects to the login as its layout does, and nothing is logged.
 */
export function pageCaller(ctx: Context) {
  return createCaller(ctx, {
    onError: ({ error }) => {
      if (error.code === "UNAUTHORIZED") redirect("/login");
    },
  });
}
