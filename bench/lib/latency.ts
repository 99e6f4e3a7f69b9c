// A TCP proxy that delays every chunk by half a round trip each way: a network between the benchmark's client and its backend.
import net from "node:net";

export type LatencyProxy = { origin: string; close(): Promise<void> };

/**
 * Forwards 127.0.0.1:<free port> to `target`, adding `rttMs` to every round trip (order kept).
 * The request head of each connection (its first chunk: a client's sync socket upgrade) names
 * the target as its Host, as a reverse proxy does: the backend answers only to its own Host.
 */
export async function startLatencyProxy(target: string, rttMs: number): Promise<LatencyProxy> {
  const { hostname, port, host } = new URL(target);
  const oneWay = rttMs / 2;
  const sockets = new Set<net.Socket>();
  let ownHost = "";
  const retarget = (head: Buffer) => Buffer.from(head.toString("latin1").replace(`\r\nHost: ${ownHost}\r\n`, `\r\nHost: ${host}\r\n`), "latin1");
  const delayed = (from: net.Socket, to: net.Socket, rewriteHead = false) => {
    let first = rewriteHead;
    from.on("data", (data) => {
      const chunk = first ? retarget(data) : data;
      first = false;
      setTimeout(() => to.destroyed || to.write(chunk), oneWay);
    });
    from.on("end", () => setTimeout(() => to.end(), oneWay));
    from.on("error", () => to.destroy());
    from.on("close", () => setTimeout(() => to.destroy(), oneWay));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    delayed(client, upstream, true);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  ownHost = `127.0.0.1:${address.port}`;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
