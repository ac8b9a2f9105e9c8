/** A request body of `total` bytes that counts how much of it was pulled: proves a reader stopped early. */
export function hugeBody(total: number, chunk = 64 * 1024) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close();
        const n = Math.min(chunk, total - pulled);
        pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => pulled };
}

export function streamedRequest(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}, method = "POST"): Request {
  return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
}
