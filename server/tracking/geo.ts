import fs from "node:fs";
import path from "node:path";
import { Reader, type CountryResponse } from "maxmind";

// ip-location-db stores `{ country_code }` records, not MaxMind's own shape.
type CountryRecord = { country_code?: string };

// GeoLite2 Country, shipped inside the @ip-location-db/geolite2-country-mmdb npm package (no download at
// install or run time). Opened once per process on first use.
const DB_FILE = path.join(process.cwd(), "node_modules", "@ip-location-db", "geolite2-country-mmdb", "geolite2-country.mmdb");
let reader: Reader<CountryResponse> | null | undefined;

function open(): Reader<CountryResponse> | null {
  try {
    return new Reader<CountryResponse>(fs.readFileSync(DB_FILE));
  } catch (err) {
    console.error(`[geo] GeoLite2 database unavailable (${DB_FILE}): clicks are stored without a country`, err instanceof Error ? err.message : err);
    return null;
  }
}

/** ISO 3166 alpha-2 country of an IP address, or null (private ranges, unknown addresses). */
export function countryOf(ip: string | null): string | null {
  if (!ip) return null;
  if (reader === undefined) reader = open();
  try {
    return (reader?.get(ip) as CountryRecord | null | undefined)?.country_code ?? null;
  } catch {
    return null;
  }
}
