import type { Clock } from "../../src/ports/clock.js";
import type {
  Abortable,
  Album,
  ChannelAddress,
  DeliveryResult,
  MemberAddress,
  Notice,
  Platform,
  PlatformCapabilities,
  PlatformName,
  SendOptions,
} from "../../src/ports/platform.js";

export interface Sent {
  readonly at: number;
  readonly via: "channel" | "dm" | "edit";
  readonly to: string;
  readonly notice: Notice;
  /** For an album: the pictures posted together (the notice then holds its caption). */
  readonly album?: Album;
  readonly key?: string;
}

/** Flattens a notice to plain text, for assertions. */
export function noticeText(n: Notice): string {
  const line = (parts: Notice["lines"][number]) =>
    parts.map((p) => (p.kind === "mention" ? `@${p.member.displayName}` : p.text)).join("");
  return [n.title, ...n.lines.map(line)].join("\n");
}

/** Capabilities like Telegram's: edits and DMs, 4096 characters, an edit every 3 s. */
export const TELEGRAM_LIKE: PlatformCapabilities = {
  canEdit: true,
  canDm: true,
  dmNeedsOptIn: false,
  ephemeralReplies: false,
  nativeEvents: false,
  maxTextLength: 4096,
  maxActionIdLength: 64,
  editIntervalMs: 3000,
};

/**
 * A platform that records what it was asked to send. DM failures and
 * transient errors are scripted per user, so core tests can exercise every branch.
 */
export class RecordingPlatform implements Platform {
  readonly sent: Sent[] = [];
  readonly noDm = new Set<string>();
  /** Fail the next N sends with this result. */
  readonly failures: DeliveryResult[] = [];
  /** While set, every request fails like this (the platform or the network is down). */
  down: DeliveryResult | null = null;
  /** When each request reached the platform, failed ones included. */
  readonly attempts: number[] = [];
  /** While set, every request waits for it (a slow or stuck platform). */
  gate: Promise<void> | null = null;
  readonly capabilities: PlatformCapabilities;
  #next = 1;

  constructor(
    private readonly clock: Clock,
    readonly name: PlatformName = "console",
    capabilities: Partial<PlatformCapabilities> = {},
  ) {
    this.capabilities = { ...TELEGRAM_LIKE, ...capabilities };
  }

  /**
   * `take()` once the gate (when set) opens: publishes, edits and DMs wait on it, as in an
   * adapter's queue, where `signal` calls them off before they reach the platform.
   */
  private async takeAfterGate(signal?: AbortSignal): Promise<DeliveryResult | null> {
    if (this.gate && !signal?.aborted) {
      const calledOff = new Promise<void>((resolve) =>
        signal?.addEventListener("abort", () => resolve(), { once: true }),
      );
      await Promise.race([this.gate, calledOff]);
    }
    if (signal?.aborted) return { ok: false, failure: "transient", detail: "called off" };
    return this.take();
  }

  private take(): DeliveryResult | null {
    this.attempts.push(this.clock.now());
    return this.down ?? this.failures.shift() ?? null;
  }

  async publish(
    channel: ChannelAddress,
    notice: Notice,
    options: SendOptions,
  ): Promise<DeliveryResult> {
    return (
      (await this.takeAfterGate(options.signal)) ??
      this.record(
        { via: "channel", to: channel.channelId, notice, key: options.idempotencyKey },
        `${channel.channelId}:${this.#next++}`,
      )
    );
  }

  async edit(ref: string, notice: Notice, options?: Abortable): Promise<DeliveryResult> {
    return (
      (await this.takeAfterGate(options?.signal)) ??
      this.record({ via: "edit", to: ref, notice }, ref)
    );
  }

  async sendDirect(
    member: MemberAddress,
    notice: Notice,
    options: SendOptions,
  ): Promise<DeliveryResult> {
    const failure = await this.takeAfterGate(options.signal);
    if (failure) return failure;
    if (this.noDm.has(member.userId)) return { ok: false, failure: "no_dm_channel" };
    return this.record(
      { via: "dm", to: member.userId, notice, key: options.idempotencyKey },
      `dm-${member.userId}:${this.#next++}`,
    );
  }

  async publishAlbum(
    channel: ChannelAddress,
    album: Album,
    options: { idempotencyKey: string },
  ): Promise<DeliveryResult> {
    const failure = this.take();
    if (failure) return failure;
    const caption: Notice = {
      kind: "reply",
      tone: "info",
      title: album.caption,
      lines: [],
      actions: [],
      locale: album.locale,
    };
    return this.record(
      {
        via: "channel",
        to: channel.channelId,
        notice: caption,
        album,
        key: options.idempotencyKey,
      },
      `${channel.channelId}:${this.#next++}`,
    );
  }

  /** Records a delivery at the clock's now; it succeeded, as `ref`. */
  private record(sent: Omit<Sent, "at">, ref: string): DeliveryResult {
    this.sent.push({ at: this.clock.now(), ...sent });
    return { ok: true, ref };
  }

  /** What went where, as `via to kind` lines: easy to compare whole timelines. */
  log(): string[] {
    return this.sent.map((s) => `${s.via} ${s.to} ${s.album ? "album" : s.notice.kind}`);
  }

  clear(): void {
    this.sent.length = 0;
  }
}
