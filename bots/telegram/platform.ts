import type { Api } from "grammy";
import { type StartPayload, telegramStartLink } from "../../src/domain/codecs/deep-link.js";
import type { Logger } from "../../src/ports/logger.js";
import type {
  Abortable,
  Album,
  ChannelAddress,
  DeliveryResult,
  MemberAddress,
  MessageRef,
  Notice,
  Platform,
  PlatformCapabilities,
} from "../../src/ports/platform.js";
import { isNotModified, toFailure } from "./failures.js";
import { grammySignal, sendAlbum, sendWithAttachment } from "./media.js";
import { MAX_CALLBACK_DATA, MAX_TEXT, renderNotice } from "./render.js";

export const TELEGRAM_CAPABILITIES: PlatformCapabilities = {
  canEdit: true,
  canDm: true,
  // A bot may only write to people who opened a chat with it (/start).
  dmNeedsOptIn: true,
  ephemeralReplies: false,
  nativeEvents: false,
  maxTextLength: MAX_TEXT,
  maxActionIdLength: MAX_CALLBACK_DATA,
  // 20 messages a minute per group: one edit every 3 s at most leaves room for posts.
  editIntervalMs: 3_000,
};

const encodeRef = (chatId: number | string, messageId: number): MessageRef =>
  `${chatId}:${messageId}`;

function decodeRef(ref: MessageRef): { chatId: string; messageId: number } | null {
  const m = /^(-?\d+):(\d+)$/.exec(ref);
  return m?.[1] && m[2] ? { chatId: m[1], messageId: Number(m[2]) } : null;
}

/** The platform port on the Telegram Bot API; never throws, answers in the core's failure taxonomy. */
export class TelegramPlatform implements Platform {
  readonly name = "telegram" as const;
  readonly capabilities = TELEGRAM_CAPABILITIES;

  constructor(
    private readonly api: Api,
    private readonly username: () => Promise<string | undefined>,
    private readonly logger: Logger,
    /** The bot's @username once getMe answered, without asking Telegram. */
    private readonly knownUsername: () => string | undefined = () => undefined,
  ) {}

  /** `https://t.me/<bot>?start=<payload>`, once the bot's name is known. */
  startLink(payload: StartPayload): string | null {
    const username = this.knownUsername();
    return username ? telegramStartLink(username, payload) : null;
  }

  async publish(
    channel: ChannelAddress,
    notice: Notice,
    options?: Abortable,
  ): Promise<DeliveryResult> {
    return this.send(channel.channelId, notice, options);
  }

  async sendDirect(
    member: MemberAddress,
    notice: Notice,
    options?: Abortable,
  ): Promise<DeliveryResult> {
    return this.send(member.userId, notice, options);
  }

  async edit(ref: MessageRef, notice: Notice, options?: Abortable): Promise<DeliveryResult> {
    const target = decodeRef(ref);
    if (!target) return { ok: false, failure: "fatal", detail: `bad message reference ${ref}` };
    try {
      const message = renderNotice(notice, await this.username());
      await this.api.editMessageText(
        target.chatId,
        target.messageId,
        message.text,
        {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          reply_markup: message.reply_markup ?? { inline_keyboard: [] },
        },
        grammySignal(options?.signal),
      );
      return { ok: true, ref };
    } catch (error) {
      if (isNotModified(error)) return { ok: true, ref };
      return this.failed("edit", target.chatId, error);
    }
  }

  /** The recap: an album of the mob's photos (sendMediaGroup), or one photo. */
  async publishAlbum(
    channel: ChannelAddress,
    album: Album,
    options?: Abortable,
  ): Promise<DeliveryResult> {
    try {
      const sent = await sendAlbum(this.api, channel.channelId, album, options?.signal);
      return { ok: true, ref: encodeRef(sent.chat.id, sent.message_id) };
    } catch (error) {
      return this.failed("album", channel.channelId, error);
    }
  }

  /**
   * Sends a rendered notice to a chat (a group, or a person's private chat); a
   * notice with a picture or a file is a photo or a document with the text as caption.
   * `signal` calls it off while it waits in the throttler's queue.
   */
  async send(chatId: string, notice: Notice, options?: Abortable): Promise<DeliveryResult> {
    try {
      const message = renderNotice(notice, await this.username());
      const attachment = notice.image
        ? { picture: notice.image }
        : notice.file
          ? { file: notice.file }
          : null;
      if (attachment) {
        const first = await sendWithAttachment(
          this.api,
          chatId,
          message,
          attachment,
          options?.signal,
        );
        return { ok: true, ref: encodeRef(first.chat.id, first.message_id) };
      }
      const sent = await this.api.sendMessage(
        chatId,
        message.text,
        {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
        },
        grammySignal(options?.signal),
      );
      return { ok: true, ref: encodeRef(sent.chat.id, sent.message_id) };
    } catch (error) {
      return this.failed("send", chatId, error);
    }
  }

  private failed(what: string, chatId: string, error: unknown): DeliveryResult {
    const failure = toFailure(error, chatId);
    const level =
      failure.failure === "no_dm_channel" || failure.failure === "rate_limited" ? "debug" : "warn";
    this.logger[level](
      { what, failure: failure.failure, detail: "detail" in failure ? failure.detail : undefined },
      "telegram request failed",
    );
    return failure;
  }
}
