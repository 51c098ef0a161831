import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { commandOf, parseTextCommand } from "../../src/app/parse-command.js";
import { PHOTO_LIMITS } from "../../src/domain/photo.js";
import type { Actor, Command, CommandHandler, PhotoUpload } from "../../src/ports/inbound.js";
import type {
  Album,
  ChannelAddress,
  DeliveryResult,
  MemberAddress,
  Notice,
  Platform,
  PlatformCapabilities,
  SendOptions,
} from "../../src/ports/platform.js";
import { renderNotice } from "./render.js";

export const CONSOLE_ROOM = "local";

export interface ConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A terminal gets a prompt; piped input is read line by line until its end. */
  readonly interactive: boolean;
  /** The organizer's name: you. `/as <name>` switches to another member. */
  readonly owner?: string;
  /**
   * Where pictures (the tally card, the recap's photos) and files (an export)
   * are saved, to open from the terminal; a fresh folder in the system's
   * temporary folder when not given.
   */
  readonly filesDir?: string;
  /**
   * False: pictures and files are described, never written (the demo leaves
   * nothing on disk). Default true.
   */
  readonly keepFiles?: boolean;
}

export interface ConsoleAdapter {
  readonly platform: Platform;
  /** Reads commands until the input ends (or stop()). */
  run(handler: CommandHandler): Promise<void>;
  /**
   * Runs one line as if typed, by `as` when given (quietly, unlike `/as`),
   * else by the current member; resolves once its answer is printed.
   * Scripts such as the demo drive the console with it.
   */
  exec(handler: CommandHandler, line: string, as?: string): Promise<void>;
  stop(): void;
}

/** The terminal: no limit worth the name, nothing paced. */
export const CONSOLE_CAPABILITIES: PlatformCapabilities = {
  canEdit: true,
  canDm: true,
  dmNeedsOptIn: false,
  ephemeralReplies: false,
  nativeEvents: false,
  maxTextLength: 100_000,
  maxActionIdLength: 100,
  editIntervalMs: 0,
};

/**
 * The local terminal adapter: you are the organizer of a local community and
 * type the Telegram-style commands; scheduled posts print as they fall due.
 * It is also the simplest reference implementation of the platform port.
 */
export function createConsoleAdapter(options: ConsoleOptions): ConsoleAdapter {
  const owner = options.owner ?? "you";
  let current = owner;
  /** The local chat you type in; `/room <name>` moves to another, to try linking. */
  let room = CONSOLE_ROOM;
  let next = 1;
  let closeInput: (() => void) | null = null;
  /** Shows the prompt again after a scheduled post printed over it (terminal only). */
  let reprompt: () => void = () => {};
  const print = (header: string, body: string) => {
    options.output.write(`\n── ${header} ──\n${body}\n`);
    reprompt();
  };
  let filesDir = options.filesDir ?? null;
  let saved = 0;
  /** Writes a picture or a file where the terminal can open it; says where (or what, when kept nowhere). */
  const save = (file: { readonly bytes: Uint8Array; readonly filename: string }): string => {
    if (options.keepFiles === false)
      return `${file.filename}, ${Math.max(1, Math.round(file.bytes.length / 1024))} KB, not kept`;
    if (filesDir === null) filesDir = mkdtempSync(join(tmpdir(), "cashmob-console-"));
    mkdirSync(filesDir, { recursive: true });
    // Numbered: every tally's card is card.png.
    const path = resolve(filesDir, `${++saved}-${file.filename.replace(/[^\w.-]/g, "_")}`);
    writeFileSync(path, file.bytes);
    return path;
  };
  /** A notice as terminal text, with where its picture or file was saved. */
  const show = (notice: Notice): string => {
    const text = renderNotice(notice);
    const verb = options.keepFiles === false ? "" : " saved";
    const picture = notice.image ? `\n  (picture${verb}: ${save(notice.image)})` : "";
    const file = notice.file ? `\n  (file${verb}: ${save(notice.file)})` : "";
    return `${text}${picture}${file}`;
  };

  const platform: Platform = {
    name: "console",
    processLocal: true,
    capabilities: CONSOLE_CAPABILITIES,
    async publish(
      channel: ChannelAddress,
      notice: Notice,
      _options: SendOptions,
    ): Promise<DeliveryResult> {
      print(`#${channel.channelId}`, show(notice));
      return { ok: true, ref: `${channel.channelId}:${next++}` };
    },
    async publishAlbum(
      channel: ChannelAddress,
      album: Album,
      _options: SendOptions,
    ): Promise<DeliveryResult> {
      const paths = album.pictures.map((p) => `  ${p.alt}: ${save(p)}`);
      print(`#${channel.channelId}`, [album.caption, ...paths].join("\n"));
      return { ok: true, ref: `${channel.channelId}:${next++}` };
    },
    async edit(ref: string, notice: Notice): Promise<DeliveryResult> {
      const at = /^(.*):(\d+)$/.exec(ref);
      const where = at ? `#${at[1]} (message ${at[2]} updated)` : `(message ${ref} updated)`;
      print(where, show(notice));
      return { ok: true, ref };
    },
    async sendDirect(
      member: MemberAddress,
      notice: Notice,
      _options: SendOptions,
    ): Promise<DeliveryResult> {
      print(`DM to ${member.displayName}`, show(notice));
      return { ok: true, ref: `dm:${next++}` };
    },
  };

  const actor = (): Actor => ({
    platform: "console",
    user: { id: current, displayName: current },
    community: {
      id: room,
      name: room === CONSOLE_ROOM ? "Local community" : room,
      channelId: room,
    },
    isOrganizer: current === owner,
    inPrivateChat: false,
  });

  async function handleLine(handler: CommandHandler, raw: string): Promise<void> {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const as = /^\/as(?:\s+(\S.{0,60}))?$/i.exec(line);
    if (as && !as[1]) {
      options.output.write(
        "! Say who to act as, like /as alice (/as you: back to the organizer).\n",
      );
      return;
    }
    if (as?.[1]) {
      current = as[1].trim();
      options.output.write(
        `(now acting as ${current}${current === owner ? ", the organizer" : ""})\n`,
      );
      return;
    }
    const roomName = /^\/room(?:\s+(.*))?$/i.exec(line);
    if (roomName) {
      const name = (roomName[1] ?? "").trim().replace(/^#/, "").toLowerCase();
      if (!/^[a-z0-9][a-z0-9_-]{0,31}$/.test(name)) {
        options.output.write(
          "! A room name is 1 to 32 letters, digits, - or _, like /room paris (you are in #" +
            `${room}).\n`,
        );
        return;
      }
      room = name;
      options.output.write(`(now in #${room}: a separate local chat; /link connects chats)\n`);
      return;
    }
    if (/^\/press\s*$/i.test(line)) {
      options.output.write(
        "! Say which button, like /press mob:1:join (posts show [Label](id)).\n",
      );
      return;
    }
    const press = /^\/press\s+(\S+)$/i.exec(line);
    const photo = /^\/photo\s+(\S+)\s+(\S.*)$/i.exec(line);
    let command: Command;
    if (press?.[1]) {
      command = { type: "action", actionId: press[1] };
    } else if (photo?.[1] && photo[2]) {
      const upload = readPhoto(photo[2].trim());
      if (upload === null) {
        options.output.write(
          `! I can't read a file at ${photo[2].trim()}; give the path of a photo.\n`,
        );
        return;
      }
      command = { type: "photo", id: photo[1], upload };
    } else {
      const parsed = parseTextCommand(line);
      if (parsed === null) {
        options.output.write("! Commands start with /, like /mobs; /help lists them.\n");
        return;
      }
      command = commandOf(parsed);
      // `/start` opens a private chat on Telegram; the console has none to open.
      if (command.type === "start") command = { type: "malformed" };
    }
    const reply = await handler.handle(actor(), command);
    options.output.write(`${show(reply.notice)}\n`);
    if (reply.secret) options.output.write(`(only you see this) ${show(reply.secret)}\n`);
  }

  /** `/photo <id> <file>`: the file's bytes, or null when there is no such file to read. */
  function readPhoto(path: string): PhotoUpload | null {
    try {
      if (!statSync(path).isFile()) return null;
      if (statSync(path).size > PHOTO_LIMITS.maxBytes) return { ok: false, reason: "too_large" };
      return { ok: true, bytes: readFileSync(path) };
    } catch {
      return null;
    }
  }

  return {
    platform,
    async exec(handler, line, as) {
      if (as !== undefined) current = as;
      await handleLine(handler, line);
    },
    async run(handler) {
      // On a terminal readline owns the screen (prompt, echo, history); piped input is just read.
      const rl = options.interactive
        ? createInterface({ input: options.input, output: options.output, terminal: true })
        : createInterface({ input: options.input, terminal: false });
      closeInput = () => rl.close();
      const prompt = () => {
        if (options.interactive) {
          rl.setPrompt(`${current}@${room}> `);
          rl.prompt();
        }
      };
      if (options.interactive) {
        options.output.write(
          `Cashmob console. You are "${owner}", the organizer of a local community.\n` +
            "Type /help for commands, /as <name> to act as another member, /room <name> to move\n" +
            "to another local chat (try /link there), Ctrl-D to quit.\n",
        );
      }
      if (options.interactive) reprompt = () => rl.prompt(true);
      prompt();
      // Lines are handled one at a time, in order, even when piped in faster than handled.
      for await (const line of rl) {
        await handleLine(handler, line);
        prompt();
      }
    },
    stop() {
      closeInput?.();
    },
  };
}
