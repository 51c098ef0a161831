import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { WebPort } from "../ports/web.js";
import type { CardCache } from "./card-cache.js";
import type { PageCache } from "./page-cache.js";
import type { PostBudget } from "./post-budget.js";
import type { MetricsSource } from "./routes/metrics.js";

/**
 * An endpoint a platform posts to (Telegram's webhook, Discord's interactions): the adapter
 * checks the request itself (secret token, signature, size) and answers it.
 */
export interface InboundEndpoint {
  /** The route, e.g. `/telegram/webhook`; POST only. */
  readonly path: string;
  handle(request: Request): Promise<Response>;
}

/** What the web app is built from; the composition root passes the real ones. */
export interface WebAppDeps {
  readonly port: WebPort;
  readonly clock: Clock;
  /** PUBLIC_URL without a trailing slash; null: links use the request's own origin. */
  readonly publicUrl: string | null;
  /** Signs merchant links and their forms (LINK_SECRET, or the one kept in the database). */
  readonly linkSecret: string;
  /** This process's name among the bots on one database, said by /livez and /readyz. */
  readonly replica?: string;
  /** `GET /metrics` serves this; absent, the route answers 404 (main.ts leaves it out on a public listener). */
  readonly metrics?: MetricsSource;
  /** METRICS_TOKEN: `/metrics` then asks for `Authorization: Bearer <token>`. */
  readonly metricsToken?: string | null;
  readonly logger?: Logger;
  /** Platform endpoints served beside the pages (a replica behind a load balancer takes updates). */
  readonly inbound?: readonly InboundEndpoint[];
  /** Drawn cards; one is made when absent. */
  readonly cards?: CardCache;
  /** Rendered pages and calendars; one is made when absent. */
  readonly pages?: PageCache;
  /** Counts posts per mob's merchant link; one allowing MERCHANT_POSTS_PER_HOUR is made when absent. */
  readonly merchantPosts?: PostBudget;
}
