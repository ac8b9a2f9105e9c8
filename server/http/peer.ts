/**
 * Set by our HTTP server (server/http/serve.ts) on every request from the socket itself, overwriting
 * anything a client sent under these names. Next.js passes X-Forwarded-For through from the client
 * unchanged, so it cannot tell us who connected.
 */
export const PEER_HEADER = "x-touchpoint-peer";
export const PROTO_HEADER = "x-touchpoint-proto";
