import { bigint, char, customType, text, timestamp } from "drizzle-orm/pg-core";
import { newId, type IdKind } from "../ids";

export const id = (kind: IdKind) =>
  text()
    .primaryKey()
    .$defaultFn(() => newId(kind));

export const createdAt = () => timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp({ withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdateFn(() => new Date());

/** Money: integer minor units. bigint in the database; JS number is exact up to 2^53 minor units. */
export const minorUnits = () => bigint({ mode: "number" });

/** ISO 4217 alphabetic code. */
export const currency = () => char({ length: 3 });

/** PostgreSQL's 64-bit transaction id: the report rollup worker's watermark over clicks (server/reports/fold-clicks.ts). */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });
