/**
 * Which autonomous systems are hosting or data-center networks rather than consumer connections.
 *
 * Two sources, both deliberately conservative (a false positive scores against an honest partner):
 * 1. HOSTING_ASNS, well-known cloud, VPS and dedicated-server providers. Keep it to networks that sell
 *    servers; an ISP that also hosts stays out.
 * 2. HOSTING_NAME, words in the AS organisation name (from the @ip-location-db/asn feed) that only hosting
 *    businesses use: "Hosting", "Data Center", "VPS", "Cloud" as a whole word ("Alibaba Cloud" matches,
 *    "Cloudflare" and "iCloud" do not).
 *
 * NOT_HOSTING wins over both: networks whose addresses carry ordinary people's traffic even though they
 * run data centers (CDN relays such as iCloud Private Relay egress, mobile carriers' cloud arms).
 */
export const HOSTING_ASNS: ReadonlySet<number> = new Set([
  // Amazon Web Services
  16509, 14618, 8987, 38895,
  // Google Cloud (15169 also serves Googlebot and Google's own crawlers)
  15169, 396982, 19527, 36492,
  // Microsoft Azure
  8075, 8068, 8069,
  // Oracle Cloud
  31898, 7160,
  // IBM Cloud / SoftLayer
  36351, 19604,
  // Alibaba Cloud
  45102, 37963, 134963,
  // Tencent Cloud
  132203, 45090, 133478,
  // Huawei Cloud
  136907, 55990,
  // DigitalOcean
  14061, 393406,
  // Linode / Akamai Connected Cloud
  63949,
  // Vultr / Choopa
  20473,
  // OVHcloud
  16276, 35540,
  // Hetzner
  24940, 213230, 212317,
  // Contabo
  51167, 40021,
  // Scaleway / Online SAS
  12876,
  // Leaseweb
  60781, 16265, 28753, 30633, 59253, 19148,
  // M247
  9009,
  // Hostinger
  47583,
  // IONOS / 1&1, Strato
  8560, 6724,
  // netcup
  197540,
  // Aruba
  31034,
  // GoDaddy hosting
  26496, 398101,
  // Rackspace
  27357, 33070, 19994,
  // Equinix Metal (Packet)
  54825,
  // ColoCrossing, QuadraNet, Psychz, Hostwinds, HostPapa
  36352, 8100, 40676, 54290, 36024,
  // UpCloud, Kamatera, Servers.com, Zenlayer
  202053, 36007, 7979, 21859,
  // Selectel, Timeweb, Yandex Cloud
  49505, 9123, 200350,
  // Fly.io, Datacamp / CDN77, FranTech (BuyVM), Sharktech
  40509, 212238, 60068, 53667, 46844,
]);

export const NOT_HOSTING: ReadonlySet<number> = new Set([
  // Cloudflare (WARP and iCloud Private Relay egress), Akamai CDN (Private Relay egress), Fastly
  13335, 20940, 16625, 54113,
  // Apple
  714,
]);

export const HOSTING_NAME = /\b(hosting|hoster|datacenters?|data[ -]?cent(er|re)s?|dedicated servers?|colocation|vps|vds|cloud)\b/i;

export function isHostingAs(asn: number, organisation: string): boolean {
  if (NOT_HOSTING.has(asn)) return false;
  return HOSTING_ASNS.has(asn) || HOSTING_NAME.test(organisation);
}
