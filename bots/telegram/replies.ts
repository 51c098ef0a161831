import type { Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Logger } from "../../src/ports/logger.js";
import type { DeliveryFailure } from "../../src/ports/platform.js";
import { isPrivateChat, toFailure } from "./failures.js";
import { MAX_TEXT, visibleLength } from "./render.js";

/** Telegram's budget for one group: about 20 messages a minute. */
const GROUP_PER_MINUTE = 20;
/** Network failures on the way to Telegram: tried this many times in all, 1 s, 2 s, 4 s… apart. */
const TRANSIENT_ATTEMPTS = 4;

/** An answer on its way to one chat. */
export interface QueuedReply {
  readonly chatId: number;
  /** Telegram HTML. */
  readonly text: string;
  readonly replyMarkup?: InlineKeyboardMarkup;
  /** The message it answers, shown as a reply when it goes out on its own. */
  readonly replyTo?: number;
  /**
   * Fine for everyone to read and carrying no buttons: it may go out in one
   * message with the answers queued next to it in the same chat (the same text once).
   */
  readonly mergeable?: boolean;
  /** Who it answers (HTML), named in front of it when it goes out merged with others. */
  readonly label?: string;
  /** A send other than a text message (a document): the text is then only for the logs' sake. */
  readonly send?: (api: Api) => Promise<unknown>;
  /** Told how it went: null once sent, else why Telegram refused it for good. */
  readonly onOutcome?: (failure: DeliveryFailure | null) => void;
  /** Held in its turn until this settles, and sent only if it settles true. */
  readonly only?: Promise<boolean>;
}

/**
 * Answers to commands, sent in the background, one chat at a time and in
 * order within a chat, so handling an update never waits for a group's budget
 * and a busy group never delays another chat. What waits in a chat's queue
 * while the previous message waits for its budget goes out merged. A 429
 * waits its `retry_after` and tries again: no answer is dropped for it.
 */
export class ReplyQueue {
  readonly #chats = new Map<number, QueuedReply[]>();
  /** Sends that reached a group (any message, posts included), for `busy`. */
  readonly #sentAt = new Map<number, number[]>();
  readonly #sleepers = new Set<() => void>();
  readonly #idleWaiters = new Set<() => void>();
  #closed = false;
  #close: () => void = () => {};
  /** Settles false when `stop` gives up waiting. */
  readonly #closing = new Promise<false>((resolve) => {
    this.#close = () => resolve(false);
  });

  constructor(
    private readonly api: Api,
    private readonly logger: Logger,
  ) {}

  /** Queues an answer; it goes out after what is queued in its chat. */
  enqueue(reply: QueuedReply): void {
    if (this.#closed) {
      this.logger.warn({ left: 1 }, "a reply came after Telegram was stopped; dropped");
      return;
    }
    const queue = this.#chats.get(reply.chatId);
    if (queue) {
      queue.push(reply);
      return;
    }
    this.#chats.set(reply.chatId, [reply]);
    void this.#drain(reply.chatId);
  }

  /**
   * Sends `dm` to a person's private chat; if they never opened it (or blocked
   * the bot), `instead` goes out in its own chat, in the turn it was queued
   * in (and only if its own `only` allows), and `onNoChat` runs.
   */
  privatelyOr(dm: QueuedReply, instead: QueuedReply | null, onNoChat?: () => void): void {
    let settle: (refused: boolean) => void = () => {};
    const refused = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    this.enqueue({
      ...dm,
      onOutcome: (failure) => {
        const noChat = failure?.failure === "no_dm_channel";
        if (noChat) onNoChat?.();
        else if (failure)
          this.logger.warn({ failure: failure.failure }, "a private answer could not be sent");
        settle(noChat && instead !== null);
      },
    });
    if (!instead) return;
    const held = instead.only;
    this.enqueue({
      ...instead,
      only: held ? Promise.all([held, refused]).then(([a, b]) => a && b) : refused,
    });
  }

  /** A message reached a group: counted against its budget for `busy`. */
  noteSent(chatId: number): void {
    if (isPrivateChat(chatId)) return;
    const now = Date.now();
    const recent = (this.#sentAt.get(chatId) ?? []).filter((t) => t > now - 60_000);
    recent.push(now);
    this.#sentAt.set(chatId, recent);
  }

  /**
   * A group has sent, or holds waiting, half its minute's budget: its members'
   * personal answers had better go privately, to leave the budget to what all must see.
   */
  busy(chatId: number): boolean {
    if (isPrivateChat(chatId)) return false;
    const now = Date.now();
    const sent = (this.#sentAt.get(chatId) ?? []).filter((t) => t > now - 60_000).length;
    return sent + (this.#chats.get(chatId)?.length ?? 0) >= GROUP_PER_MINUTE / 2;
  }

  /**
   * Waits up to `graceMs` for every queue to empty, then stops sending: what
   * still waits (a busy group's answers, minutes away) is dropped, and logged.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.#chats.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.#idleWaiters.add(resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
    }
    this.#closed = true;
    this.#close();
    for (const wake of this.#sleepers) wake();
    const left = [...this.#chats.values()].reduce((n, q) => n + q.length, 0);
    if (left > 0) this.logger.warn({ left }, "replies still waiting at shutdown were dropped");
  }

  async #drain(chatId: number): Promise<void> {
    const queue = this.#chats.get(chatId) ?? [];
    while (queue.length > 0 && !this.#closed) {
      await this.#settleHead(queue);
      const batch = takeBatch(queue);
      if (batch.length > 0 && !this.#closed) await this.#deliver(chatId, batch);
    }
    this.#chats.delete(chatId);
    if (this.#chats.size === 0) {
      for (const resolve of this.#idleWaiters) resolve();
      this.#idleWaiters.clear();
    }
  }

  /**
   * Waits for the answers at the head of the queue that wait on another send
   * (the private chat tried first), keeping those that are still to go, so
   * they can go out merged.
   */
  async #settleHead(queue: QueuedReply[]): Promise<void> {
    const waiting: QueuedReply[] = [];
    for (const r of queue) {
      if (!r.only) break;
      waiting.push(r);
    }
    if (waiting.length === 0) return;
    const verdicts = await Promise.race([Promise.all(waiting.map((r) => r.only)), this.#closing]);
    if (!verdicts) return;
    const kept = waiting
      .filter((_, i) => verdicts[i])
      .map(({ only: _only, ...reply }): QueuedReply => reply);
    queue.splice(0, waiting.length, ...kept);
  }

  async #deliver(chatId: number, batch: readonly QueuedReply[]): Promise<void> {
    const first = batch[0];
    if (!first) return;
    const alone = batch.length === 1;
    const send =
      first.send ??
      ((api: Api) =>
        api.sendMessage(chatId, alone ? first.text : merged(batch), {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(alone && first.replyTo !== undefined
            ? { reply_parameters: { message_id: first.replyTo, allow_sending_without_reply: true } }
            : {}),
          ...(first.replyMarkup ? { reply_markup: first.replyMarkup } : {}),
        }));
    for (let attempt = 1; ; attempt++) {
      try {
        await send(this.api);
        for (const r of batch) r.onOutcome?.(null);
        return;
      } catch (error) {
        const failure = toFailure(error, chatId);
        if (failure.failure === "rate_limited" && !this.#closed) {
          // The group's own budget (or the bot's): wait as Telegram says, then the same message again.
          this.logger.debug({ retryAfterMs: failure.retryAfterMs }, "a reply waits for Telegram");
          await this.#sleep(failure.retryAfterMs);
          continue;
        }
        if (failure.failure === "transient" && attempt < TRANSIENT_ATTEMPTS && !this.#closed) {
          await this.#sleep(1_000 * 2 ** (attempt - 1));
          continue;
        }
        const told = batch.filter((r) => r.onOutcome);
        for (const r of told) r.onOutcome?.(failure);
        if (told.length < batch.length)
          this.logger.warn(
            { failure: failure.failure, detail: "detail" in failure ? failure.detail : undefined },
            "replying on Telegram failed",
          );
        return;
      }
    }
  }

  /** A pause that `stop` cuts short. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }
}

const mergeable = (r: QueuedReply | undefined): r is QueuedReply =>
  r !== undefined && r.mergeable === true && !r.send && !r.replyMarkup && !r.onOutcome && !r.only;

/**
 * Answers as one message: each text once, in order, the people it answers
 * named in front of it ("Ana, Bo: You're in!…"), a blank line between.
 */
function merged(batch: readonly QueuedReply[]): string {
  const who = new Map<string, string[]>();
  for (const r of batch) {
    const labels = who.get(r.text) ?? [];
    if (r.label && !labels.includes(r.label)) labels.push(r.label);
    who.set(r.text, labels);
  }
  return [...who]
    .map(([text, labels]) => (labels.length > 0 ? `${labels.join(", ")}: ${text}` : text))
    .join("\n\n");
}

/** The next message's worth: one answer, or a run of mergeable ones that fits in one message. */
function takeBatch(queue: QueuedReply[]): QueuedReply[] {
  const first = queue.shift();
  if (!first) return [];
  const batch = [first];
  if (!mergeable(first)) return batch;
  for (let next = queue[0]; mergeable(next); next = queue[0]) {
    if (visibleLength(merged([...batch, next])) > MAX_TEXT) break;
    batch.push(next);
    queue.shift();
  }
  return batch;
}
