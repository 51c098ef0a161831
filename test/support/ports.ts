import { createServer, type Server } from "node:net";

/** A server listening on a port of 127.0.0.1 the system picked; close it when done. */
export async function heldPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { port: typeof address === "object" && address ? address.port : 0, server };
}

/** A port of 127.0.0.1 nothing listens on right now (until a test starts something there). */
export async function freePort(): Promise<number> {
  const { port, server } = await heldPort();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
