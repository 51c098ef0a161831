/**
 * Just enough of PostgreSQL's wire protocol to answer a login the way a real server refuses
 * a wrong password (the project's server trusts every password, so it cannot): it asks for
 * the password in clear, records what the client sent, and answers FATAL 28P01. With
 * `silent`, it accepts the TCP connection and never answers (a server that hangs).
 */
import { createServer, type Server, type Socket } from "node:net";

export interface FakePostgres {
  readonly port: number;
  /** The passwords clients sent, so a test can tell they were sent and never shown. */
  readonly passwordsReceived: string[];
  close(): Promise<void>;
}

export async function startFakePostgres(mode: "wrong-password" | "silent"): Promise<FakePostgres> {
  const passwordsReceived: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    if (mode === "silent") return;
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!started) {
        // StartupMessage: int32 length (itself included), then the protocol and parameters.
        if (buffer.length < 4 || buffer.length < buffer.readInt32BE(0)) return;
        buffer = buffer.subarray(buffer.readInt32BE(0));
        started = true;
        socket.write(message("R", int32(3))); // AuthenticationCleartextPassword
      }
      // PasswordMessage: 'p', int32 length, the password as a C string.
      if (buffer.length < 5 || buffer.length < 1 + buffer.readInt32BE(1)) return;
      passwordsReceived.push(buffer.subarray(5, buffer.readInt32BE(1)).toString("utf8"));
      const fields = [
        ["S", "FATAL"],
        ["V", "FATAL"],
        ["C", "28P01"],
        ["M", 'password authentication failed for user "cashmob"'],
      ].map(([k, v]) => Buffer.from(`${k}${v}\0`, "utf8"));
      socket.end(message("E", Buffer.concat([...fields, Buffer.from([0])])));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    passwordsReceived,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function message(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type, "ascii"), int32(body.length + 4), body]);
}
