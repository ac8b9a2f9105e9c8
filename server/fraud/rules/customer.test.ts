import { describe, expect, it } from "vitest";
import { multiPartnerCustomer, registrationBurst, selfReferral } from "./customer";
import { at, CONVERSION_AT, makeInput, settings } from "./test-input";

const DAY = 86_400;

describe("self_referral", () => {
  it("trips when the customer's IP is the partner's, in another spelling", () => {
    const input = makeInput({ conversion: { at: CONVERSION_AT, partnerId: "prt_a", clickDriven: true, ip: "::ffff:203.0.113.9", emailHash: null }, partner: { ips: ["203.0.113.9"], emailHashes: [] } });
    const hit = selfReferral(input, settings("self_referral"));
    expect(hit?.evidence).toEqual({ ip: "203.0.113.9", ipMatch: true, emailMatch: false });
    expect(hit?.category).toBe("self_referral");
    const v6 = makeInput({ conversion: { at: CONVERSION_AT, partnerId: "prt_a", clickDriven: true, ip: "2001:DB8:0::1", emailHash: null }, partner: { ips: ["2001:db8::1"], emailHashes: [] } });
    expect(selfReferral(v6, settings("self_referral"))?.evidence.ipMatch).toBe(true);
  });

  it("trips when the e-mail hash is the partner's", () => {
    const hit = selfReferral(makeInput({ partner: { ips: [], emailHashes: ["h_customer"] } }), settings("self_referral"));
    expect(hit?.message).toBe("The customer's e-mail address matches the partner's own, so the partner appears to have referred themselves.");
  });

  it("stays silent for a neighbouring IP, another hash, or no partner data", () => {
    expect(selfReferral(makeInput({ partner: { ips: ["198.51.100.8"], emailHashes: ["h_other"] } }), settings("self_referral"))).toBeNull();
    expect(selfReferral(makeInput(), settings("self_referral"))).toBeNull();
  });
});

describe("multi_partner_customer (distinct partners incl. this one, in [at - windowDays, at]; trips above max)", () => {
  const s = settings("multi_partner_customer", { windowDays: 30, maxPartners: 1 });
  const conv = (id: string, partnerId: string, seconds: number) => ({ id, partnerId, at: at(CONVERSION_AT, seconds) });

  it("trips when another partner was credited exactly 30 days earlier", () => {
    const hit = multiPartnerCustomer(makeInput({ history: { customerConversions: [conv("cnv_1", "prt_b", -30 * DAY)] } }), s);
    expect(hit?.evidence).toEqual({ partners: 2, maxPartners: 1, windowDays: 30 });
    expect(hit?.category).toBe("duplicate");
  });

  it("stays silent for the same partner, a conversion outside the window, or at exactly maxPartners", () => {
    expect(multiPartnerCustomer(makeInput({ history: { customerConversions: [conv("cnv_1", "prt_a", -DAY)] } }), s)).toBeNull();
    expect(multiPartnerCustomer(makeInput({ history: { customerConversions: [conv("cnv_1", "prt_b", -30 * DAY - 1)] } }), s)).toBeNull();
    const two = { customerConversions: [conv("cnv_1", "prt_b", -DAY), conv("cnv_2", "prt_b", -2)] };
    expect(multiPartnerCustomer(makeInput({ history: two }), settings("multi_partner_customer", { maxPartners: 2 }))).toBeNull();
  });
});

describe("registration_burst (ids in [at - windowSeconds, at]; trips above max)", () => {
  const s = settings("registration_burst", { windowSeconds: 3600, maxRegistrations: 3 });
  const regs = (...seconds: number[]) => seconds.map((sec, i) => ({ id: `cus_${i}`, at: at(CONVERSION_AT, sec) }));

  it("trips on 4 registrations within the hour, the window start included", () => {
    const hit = registrationBurst(makeInput({ history: { registrationsFromIp: regs(-3600, -100, -10, 0) } }), s);
    expect(hit?.evidence).toEqual({ registrations: 4, maxRegistrations: 3, windowSeconds: 3600 });
    expect(hit?.message).toBe("4 accounts registered from the same IP address within 60 min (more than 3 is suspicious).");
  });

  it("stays silent at exactly 3, when one is outside the window, and without data", () => {
    expect(registrationBurst(makeInput({ history: { registrationsFromIp: regs(-100, -10, 0) } }), s)).toBeNull();
    expect(registrationBurst(makeInput({ history: { registrationsFromIp: regs(-3601, -100, -10, 0) } }), s)).toBeNull();
    expect(registrationBurst(makeInput(), s)).toBeNull();
  });
});
