import {
  type APIChannel,
  type APIGuildScheduledEvent,
  type APIMessage,
  type REST,
  Routes,
} from "discord.js";
import type { Logger } from "../../src/ports/logger.js";
import type {
  Abortable,
  Album,
  ChannelAddress,
  DeliveryResult,
  MemberAddress,
  MessageRef,
  NativeEventSpec,
  Notice,
  Platform,
  PlatformCapabilities,
  SendOptions,
} from "../../src/ports/platform.js";
import { albumMessages, withPicture } from "./attachments.js";
import { toFailure } from "./failures.js";
import { decodeRef, encodeRef, NO_EVENT, nonceFor } from "./refs.js";
import { renderMessage } from "./render.js";

/** What Discord can do, as the core needs to know it. */
export const DISCORD_CAPABILITIES: PlatformCapabilities = {
  canEdit: true,
  canDm: true,
  dmNeedsOptIn: false,
  ephemeralReplies: true,
  nativeEvents: true,
  // Plain content; an embed's description takes 4096, which the renderer uses.
  maxTextLength: 2000,
  maxActionIdLength: 100,
  // Edits of one message share a 5-per-5s bucket with posts in its channel.
  editIntervalMs: 1_500,
};

const EVENT = { external: 3, guildOnly: 2, cancelled: 4 } as const;

/**
 * The Discord side of the platform port, over discord.js's REST client (its
 * queue handles rate-limit buckets). Every method answers a DeliveryResult
 * and never throws.
 */
export class DiscordPlatform implements Platform {
  readonly name = "discord" as const;
  readonly capabilities = DISCORD_CAPABILITIES;
  /** user id → DM channel id (or the request opening it), so a fan-out opens each once. */
  readonly #dmChannels = new Map<string, Promise<string>>();

  constructor(
    private readonly rest: REST,
    private readonly logger: Logger,
  ) {}

  async publish(
    channel: ChannelAddress,
    notice: Notice,
    options: SendOptions,
  ): Promise<DeliveryResult> {
    return this.#post(channel.channelId, notice, options, false);
  }

  /**
   * The recap: the photos as attachments of one message (ten at most, and as
   * many messages as Discord's upload limit needs); the ref is the first.
   */
  async publishAlbum(
    channel: ChannelAddress,
    album: Album,
    options: SendOptions,
  ): Promise<DeliveryResult> {
    let first: string | null = null;
    try {
      for (const [i, message] of albumMessages(album).entries()) {
        const sent = (await this.rest.post(Routes.channelMessages(channel.channelId), {
          body: {
            ...message.body,
            nonce: nonceFor(i === 0 ? options.idempotencyKey : `${options.idempotencyKey}:${i}`),
            enforce_nonce: true,
          },
          files: message.files,
          // Once the first message went, the others follow.
          ...(i === 0 && options.signal ? { signal: options.signal } : {}),
        })) as APIMessage;
        first ??= encodeRef(sent.channel_id, sent.id);
      }
      return first ? { ok: true, ref: first } : { ok: false, failure: "fatal", detail: "empty" };
    } catch (error) {
      return this.#failed("album", error);
    }
  }

  async edit(ref: MessageRef, notice: Notice, options?: Abortable): Promise<DeliveryResult> {
    const at = decodeRef(ref);
    if (!at) return { ok: false, failure: "not_found", detail: "not a Discord message reference" };
    try {
      await this.rest.patch(Routes.channelMessage(at.channelId, at.messageId), {
        body: renderMessage(notice),
        ...signalOf(options),
      });
      return { ok: true, ref };
    } catch (error) {
      return this.#failed("edit", error);
    }
  }

  async sendDirect(
    member: MemberAddress,
    notice: Notice,
    options: SendOptions,
  ): Promise<DeliveryResult> {
    let channelId: string;
    try {
      // A channel the core remembers needs no request to open it again.
      channelId = member.dmChannel ?? (await this.#dmChannel(member.userId, options));
    } catch (error) {
      return this.#failed("open DM", error, true);
    }
    const sent = await this.#post(channelId, notice, options, true);
    return sent.ok ? { ...sent, dmChannel: channelId } : sent;
  }

  async syncEvent(
    channel: ChannelAddress,
    spec: NativeEventSpec,
    existing: MessageRef | null,
    options?: Abortable,
  ): Promise<DeliveryResult> {
    const guildId = channel.communityId;
    const cancelled = spec.status === "cancelled";
    try {
      if (existing === null || existing === NO_EVENT) {
        // Nothing to cancel: remember that there is no event rather than create one.
        if (cancelled) return { ok: true, ref: NO_EVENT };
        return { ok: true, ref: await this.#createEvent(guildId, spec) };
      }
      const body = cancelled ? { status: EVENT.cancelled } : eventBody(spec);
      try {
        await this.rest.patch(Routes.guildScheduledEvent(guildId, existing), {
          body,
          ...signalOf(options),
        });
        return { ok: true, ref: existing };
      } catch (error) {
        // Someone deleted the event by hand: put it back (or, if cancelling, nothing is left to do).
        const failure = toFailure(error);
        if (failure.failure !== "not_found") throw error;
        if (cancelled) return { ok: true, ref: existing };
        return { ok: true, ref: await this.#createEvent(guildId, spec) };
      }
    } catch (error) {
      return this.#failed("sync event", error);
    }
  }

  /** Never called off once asked for: an event has no nonce, and one aborted on the wire may exist. */
  async #createEvent(guildId: string, spec: NativeEventSpec): Promise<string> {
    const created = (await this.rest.post(Routes.guildScheduledEvents(guildId), {
      body: eventBody(spec),
    })) as APIGuildScheduledEvent;
    return created.id;
  }

  async #post(
    channelId: string,
    notice: Notice,
    options: SendOptions,
    dm: boolean,
  ): Promise<DeliveryResult> {
    try {
      // A picture (the tally card) is attached and shown as the embed's image.
      const { body, files } = withPicture(renderMessage(notice), notice.image);
      const message = (await this.rest.post(Routes.channelMessages(channelId), {
        body: { ...body, nonce: nonceFor(options.idempotencyKey), enforce_nonce: true },
        ...(files.length > 0 ? { files } : {}),
        ...signalOf(options),
      })) as APIMessage;
      return { ok: true, ref: encodeRef(message.channel_id, message.id) };
    } catch (error) {
      return this.#failed(dm ? "send DM" : "publish", error, dm);
    }
  }

  #dmChannel(userId: string, options?: Abortable): Promise<string> {
    let channel = this.#dmChannels.get(userId);
    if (!channel) {
      channel = this.rest
        .post(Routes.userChannels(), { body: { recipient_id: userId }, ...signalOf(options) })
        .then((c) => (c as APIChannel).id);
      this.#dmChannels.set(userId, channel);
      // A failed open is not cached: the next attempt asks again.
      channel.catch(() => this.#dmChannels.delete(userId));
    }
    return channel;
  }

  #failed(what: string, error: unknown, dm = false): DeliveryResult {
    const failure = toFailure(error, { dm });
    const level = failure.failure === "fatal" ? "error" : "debug";
    this.logger[level](
      { what, failure: failure.failure, detail: "detail" in failure ? failure.detail : undefined },
      "discord request failed",
    );
    return failure;
  }
}

/**
 * discord.js's REST takes `signal` in each request: aborted, a request still queued never
 * leaves. One on the wire is aborted too, which is safe where Discord knows it again: a message
 * by its nonce, an edit or a DM channel by being the same.
 */
const signalOf = (options?: Abortable) => (options?.signal ? { signal: options.signal } : {});

function eventBody(spec: NativeEventSpec) {
  return {
    name: spec.name.slice(0, 100),
    description: spec.description.slice(0, 1000),
    scheduled_start_time: new Date(spec.startsAt).toISOString(),
    scheduled_end_time: new Date(spec.endsAt).toISOString(),
    privacy_level: EVENT.guildOnly,
    entity_type: EVENT.external,
    entity_metadata: { location: spec.location.slice(0, 100) || "?" },
  };
}
