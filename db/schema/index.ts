export * from "./users";
export * from "./partners";
export * from "./programs";
export * from "./tracking";
export * from "./conversions";
export * from "./commissions";
export * from "./payouts";
export * from "./jobs";
