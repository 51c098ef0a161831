/**
 * A load balancer of the tests' own on 127.0.0.1: each request goes to the next of N upstream
 * 127.0.0.1 ports in turn, skipping one that refuses the connection (a replica that died),
 * headers and body passed through unchanged either way. With one upstream it is a tap: the
 * requests one process makes (to a fake platform), recorded with when each was answered.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One request forwarded: where it went and what came back (status 502: no upstream took it). */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The upstream port that answered, 0 when none did. */
  readonly upstream: number;
  readonly status: number;
  /** Date.now() when the request arrived and when its answer's head came back. */
  readonly startedAt: number;
  readonly answeredAt: number;
  /** The start of the request's body when it was refused (status 400 and up), to say why. */
  readonly refusedBody?: string;
}

export class RoundRobinProxy {
  readonly #upstreams: readonly number[];
  #next = 0;
  #server: Server | null = null;
  #port = 0;
  /** Every request, in the order answered. */
  readonly requests: ProxiedRequest[] = [];

  constructor(upstreams: readonly number[]) {
    if (upstreams.length === 0) throw new Error("a proxy needs at least one upstream port");
    this.#upstreams = upstreams;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.#forward(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many requests each upstream port answered. */
  servedBy(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const r of this.requests)
      if (r.upstream !== 0) counts.set(r.upstream, (counts.get(r.upstream) ?? 0) + 1);
    return counts;
  }

  async #forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // The client went away mid-body: nothing to forward.
    }
    const body = Buffer.concat(chunks);
    const record = (upstream: number, status: number) =>
      this.requests.push({
        method: req.method ?? "GET",
        path: req.url ?? "/",
        upstream,
        status,
        startedAt,
        answeredAt: Date.now(),
        ...(status >= 400 ? { refusedBody: body.subarray(0, 200).toString("utf8") } : {}),
      });
    for (let tried = 0; tried < this.#upstreams.length; tried++) {
      const port = this.#upstreams[this.#next % this.#upstreams.length] ?? 0;
      this.#next++;
      const outcome = await this.#try(port, req, body, res);
      if (outcome === "refused") continue;
      record(port, outcome);
      return;
    }
    record(0, 502);
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end("no upstream took the request");
  }

  /** Sends the request to `port`; the status passed back, or "refused" (nothing was sent). */
  #try(
    port: number,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<number | "refused"> {
    return new Promise((resolve) => {
      const call = httpRequest(
        { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
          answer.on("error", () => res.destroy());
          // Answered: the status is known even if the client goes away before the body.
          resolve(answer.statusCode ?? 502);
        },
      );
      call.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED") return resolve("refused");
        // The upstream died with the request in it: the client sees the connection drop.
        res.destroy();
        resolve(0);
      });
      // The client gave up (a timeout): so does the upstream request.
      res.on("close", () => {
        if (!res.writableFinished) call.destroy();
      });
      call.end(body);
    });
  }
}
