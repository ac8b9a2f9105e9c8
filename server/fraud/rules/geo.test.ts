import { describe, expect, it } from "vitest";
import { geoNotAllowed } from "./geo";
import { makeInput, settings } from "./test-input";

const offer = (allowedCountries: string[]) => ({ allowedCountries, medianClicksPerConversion: null });

describe("geo_not_allowed", () => {
  it("trips for a country outside the allowed list", () => {
    const hit = geoNotAllowed(makeInput({ offer: offer(["AT", "CH"]) }), settings("geo_not_allowed"));
    expect(hit?.evidence).toEqual({ country: "DE", allowed: "AT,CH" });
    expect(hit?.message).toBe("The click came from DE; this offer accepts AT, CH only.");
    expect(hit?.partnerMessage).toBe("Some of this traffic comes from regions this offer does not accept.");
  });

  it("trips for an unknown country only when configured to", () => {
    const input = makeInput({ offer: offer(["AT"]), click: { country: null } });
    expect(geoNotAllowed(input, settings("geo_not_allowed"))).toBeNull();
    expect(geoNotAllowed(input, settings("geo_not_allowed", { flagUnknownCountry: true }))?.evidence.country).toBeNull();
  });

  it("stays silent for an allowed country in any case, for an empty list, and without offer data", () => {
    expect(geoNotAllowed(makeInput({ offer: offer(["at", "de"]) }), settings("geo_not_allowed"))).toBeNull();
    expect(geoNotAllowed(makeInput({ offer: offer(["AT"]), click: { country: "at" } }), settings("geo_not_allowed"))).toBeNull();
    expect(geoNotAllowed(makeInput({ offer: offer([]) }), settings("geo_not_allowed", { flagUnknownCountry: true }))).toBeNull();
    expect(geoNotAllowed(makeInput(), settings("geo_not_allowed"))).toBeNull();
  });
});
