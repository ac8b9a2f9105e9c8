import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { drivers } from "@/test/db";
import { openDb, rowsOf } from "./client";

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// The report rebuild folds every click in one statement: its connection must not carry the app's timeouts.
it.runIf((await drivers()).includes("postgres"))("opens maintenance connections without the app's statement timeout", async () => {
  const timeoutOf = async (longStatements: boolean) => {
    const handle = await openDb({ url: PG_ADMIN_URL, dataDir: "unused", max: 1, longStatements });
    try {
      const [row] = rowsOf<{ statement_timeout: string; idle: string }>(
        await handle.db.execute(sql`select current_setting('statement_timeout') as statement_timeout, current_setting('idle_in_transaction_session_timeout') as idle`),
      );
      return row;
    } finally {
      await handle.close();
    }
  };
  expect(await timeoutOf(false)).toEqual({ statement_timeout: "1min", idle: "1min" });
  expect(await timeoutOf(true)).toEqual({ statement_timeout: "0", idle: "0" });
});
