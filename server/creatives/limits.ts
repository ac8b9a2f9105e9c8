/** The largest banner accepted: uploads travel base64-encoded inside a tRPC request (TRPC_MAX_BODY is 1 MiB). */
export const MAX_FILE_BYTES = 640 * 1024;
/** Widest or tallest side, and total pixels: a banner is small; a huge canvas is a decompression bomb. */
export const MAX_SIDE = 5000;
export const MAX_PIXELS = 16_000_000;
