import net from "node:net";

/**
 * A loopback TCP proxy for fault tests: forwards to `target` until cut. Cut closes every open connection
 * and refuses or resets new ones (the database "goes away"); restore forwards again.
 */
export type TcpProxy = { port: number; cut: (how?: "refuse" | "reset") => void; restore: () => void; close: () => Promise<void>; connections: () => number };

export async function startTcpProxy(port: number, target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let down: false | "refuse" | "reset" = false;
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", drop);
    upstream.on("close", drop);
  });
  const listen = () => new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  await listen();
  return {
    port,
    connections: () => sockets.size / 2,
    cut(how = "refuse") {
      down = how;
      // "refuse": no new connections (a stopped server). "reset": each is accepted and closed at once (a load
      // balancer or pooler in front of a dead server). Open connections are dropped either way.
      if (how === "refuse") server.close();
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      down = false;
      if (!server.listening) void listen();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}
