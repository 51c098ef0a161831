import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../bots/discord/adapter.js";
import { createLogger } from "../../src/log/logger.js";
import type { Actor, Command, CommandHandler, Reply } from "../../src/ports/inbound.js";
import { silentLogger } from "../../src/ports/logger.js";
import { sampleNotice } from "../contract/platform-contract.js";
import { ALICE, type DiscordRig, discordRig, ORG, readable } from "../fakes/discord-harness.js";
import { EPHEMERAL, type InteractionRecord } from "../fakes/discord-model.js";
import { FakeDiscord, PERMISSIONS } from "../fakes/discord-server.js";

let rig: DiscordRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A stand-in core that remembers what it was asked and answers as scripted. */
class ScriptedHandler implements CommandHandler {
  readonly seen: { actor: Actor; command: Command }[] = [];
  /** Answers only once this holds (what the fake has seen), however long that takes. */
  waitFor: (() => boolean) | null = null;
  fail: Error | null = null;
  reply: Reply = {
    audience: "personal",
    notice: sampleNotice("Done.", { kind: "reply", actions: [] }),
  };

  async handle(actor: Actor, command: Command): Promise<Reply> {
    this.seen.push({ actor, command });
    for (const end = Date.now() + 10_000; this.waitFor && !this.waitFor(); ) {
      if (Date.now() > end) throw new Error("the fake never saw what the answer waits for");
      await new Promise((r) => setTimeout(r, 5));
    }
    if (this.fail) throw this.fail;
    return this.reply;
  }

  async openMobs() {
    return [
      { id: 3, label: "#3 Librairie du Parc (announced)" },
      { id: 12, label: "#12 Cave à vins (draft)" },
    ];
  }
}

/** A message with the sample buttons, posted by the bot in the guild's channel; its id. */
async function postedMessage(server: FakeDiscord): Promise<string> {
  const channel = {
    platform: "discord" as const,
    communityId: server.guild.id,
    channelId: server.guild.channels[0]!.id,
  };
  const sent = await rig!.adapter.platform.publish(channel, sampleNotice("Cash mob: Cave"), {
    idempotencyKey: `post-${Date.now()}`,
  });
  if (!sent.ok) throw new Error("publish failed");
  return sent.ref.split("/")[1]!;
}

async function started(
  adapter: Parameters<typeof discordRig>[1] = {},
  fake: Parameters<typeof discordRig>[0] = {},
) {
  rig = await discordRig(fake, { ackAfterMs: 300, ...adapter });
  const handler = new ScriptedHandler();
  await rig.adapter.start(handler);
  return { server: rig.server, handler };
}

describe("Discord interactions", () => {
  it("maps every /mob create option to the core's raw text fields", async () => {
    const { server, handler } = await started();
    const record = server.slash({
      user: ORG,
      subcommand: "create",
      permissions: PERMISSIONS.manageEvents,
      options: {
        shop: "Librairie du Parc",
        when: "2026-12-05 18:00",
        pledge: 15,
        currency: "EUR",
        address: "3 rue des Lilas",
        meeting_point: "the fountain",
        secret: true,
        capacity: 40,
        duration: "90m",
        goal: 300.5,
        takings: 400,
        draft: false,
      },
    });
    await server.answered(record);
    expect(handler.seen[0]?.command).toEqual({
      type: "create",
      shop: "Librairie du Parc",
      when: "2026-12-05 18:00",
      pledge: "15",
      currency: "EUR",
      address: "3 rue des Lilas",
      meetingPoint: "the fountain",
      secret: "true",
      capacity: "40",
      duration: "90m",
      goal: "300.5",
      takings: "400",
      draft: "false",
    });
    expect(handler.seen[0]?.actor).toMatchObject({
      platform: "discord",
      user: { id: ORG, displayName: "olga", locale: "en-US" },
      community: {
        id: server.guild.id,
        name: "Bookworms",
        channelId: server.guild.channels[0]?.id,
      },
      isOrganizer: true,
      inPrivateChat: false,
    });
  });

  it("tells the core who may organize from Manage Events (or Administrator), and passes the user's locale", async () => {
    const { server, handler } = await started();
    for (const permissions of [PERMISSIONS.member, PERMISSIONS.administrator])
      await server.answered(
        server.slash({ user: ALICE, subcommand: "list", permissions, locale: "fr" }),
      );
    expect(handler.seen.map((s) => s.actor.isOrganizer)).toEqual([false, true]);
    expect(handler.seen[0]?.actor.user.locale).toBe("fr");
  });

  it("answers personal replies ephemerally and channel replies publicly, with a secret as an ephemeral follow-up", async () => {
    const { server, handler } = await started();
    const personal = await server.answered(
      server.slash({ user: ALICE, subcommand: "join", options: { id: 3 } }),
    );
    expect(personal.original?.flags).toBe(EPHEMERAL);

    handler.reply = {
      audience: "channel",
      notice: sampleNotice("Mobs coming up", { kind: "reply" }),
      secret: sampleNotice("Check-in code: K7Q2XA", { kind: "reply", actions: [] }),
    };
    const open = await server.answered(
      server.slash({ user: ORG, subcommand: "info", options: { id: 3 } }),
      1,
    );
    expect(open.original?.flags).toBe(0);
    expect(readable(open.original!)).toContain("Mobs coming up");
    expect(open.followups[0]?.flags).toBe(EPHEMERAL);
    expect(readable(open.followups[0]!)).toContain("K7Q2XA");
  });

  it("acknowledges a slow answer within Discord's deadline by deferring, then shows the answer", async () => {
    // The fake refuses an acknowledgement after Discord's 3 s deadline; the answer is held
    // until the fake has one, so only a deferral (not the answer itself) can acknowledge it.
    const { server, handler } = await started({ ackAfterMs: 200 });
    let record: InteractionRecord | null = null;
    handler.waitFor = () => (record?.callbacks.length ?? 0) > 0;
    record = server.slash({ user: ALICE, subcommand: "leave", options: { id: 3 } });
    await server.answered(record);
    expect(record.callbacks.map((c) => c.type)).toEqual([5]);
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(readable(record.original!)).toContain("Done.");
  });

  it("turns a slow public answer that ends in an error into a private one", async () => {
    const { server, handler } = await started({ ackAfterMs: 100 });
    handler.reply = {
      audience: "personal",
      notice: { ...sampleNotice("There is no mob #9 here."), tone: "error", actions: [] },
    };
    // Slow: the answer comes only once the public deferral is in.
    let record: InteractionRecord | null = null;
    handler.waitFor = () => (record?.callbacks.length ?? 0) > 0;
    record = server.slash({ user: ALICE, subcommand: "tally", options: { id: 9 } });
    await server.waitFor(() => record.followups.length === 1);
    expect(record.callbacks[0]).toMatchObject({ type: 5, data: {} });
    expect(record.original).toBeNull();
    expect(record.followups[0]?.flags).toBe(EPHEMERAL);
    expect(readable(record.followups[0]!)).toContain("There is no mob #9 here.");
  });

  it("answers a press of a mob button with an ephemeral reply from the core", async () => {
    const { server, handler } = await started();
    const channel = {
      platform: "discord" as const,
      communityId: server.guild.id,
      channelId: server.guild.channels[0]!.id,
    };
    const sent = await rig!.adapter.platform.publish(channel, sampleNotice("Cash mob: Cave"), {
      idempotencyKey: "cta",
    });
    if (!sent.ok) throw new Error("publish failed");
    const messageId = sent.ref.split("/")[1]!;
    handler.reply = {
      audience: "channel",
      notice: sampleNotice("You're in!", { kind: "reply", actions: [] }),
    };
    const record = await server.answered(
      server.press({ user: ALICE, messageId, customId: "mob:7:join" }),
    );
    expect(handler.seen.at(-1)?.command).toEqual({ type: "action", actionId: "mob:7:join" });
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(readable(record.original!)).toContain("You're in!");
  });

  it("apologizes ephemerally when the core throws, logs the failure, and never shows a stack trace or logs the token", async () => {
    const lines = new PassThrough();
    let log = "";
    lines.on("data", (d: Buffer) => {
      log += d.toString();
    });
    const logger = createLogger({ level: "debug", secrets: [], destination: lines });
    const { server, handler } = await started({ logger });
    handler.fail = new Error("database exploded at use-cases.ts:42");
    const record = await server.answered(
      server.slash({ user: ALICE, subcommand: "tally", options: { id: 3 } }),
    );
    const shown = readable(record.original!);
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(shown).toContain("Sorry, something went wrong");
    expect(shown).not.toMatch(/exploded|\.ts:|at /);
    expect(log).toContain("database exploded");
    expect(log).not.toContain(server.token);
  });

  it("answers a select menu the bot does not offer with one ephemeral sentence, and asks the core nothing", async () => {
    const { server, handler } = await started();
    const messageId = await postedMessage(server);
    const record = await server.answered(
      server.component({ user: ALICE, messageId, customId: "old:menu", values: ["3"] }),
    );
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(readable(record.original!)).toContain("That button is no longer valid.");
    const french = await server.answered(
      server.component({ user: ALICE, messageId, customId: "old:menu", locale: "fr" }),
    );
    expect(readable(french.original!)).toContain("Ce bouton n'est plus valable.");
    expect(handler.seen).toEqual([]);
  });

  it("still apologizes ephemerally when answering a press breaks before anything was sent", async () => {
    const { server, handler } = await started();
    const messageId = await postedMessage(server);
    // An answer the renderer cannot read: a bug between the core and Discord.
    handler.reply = { audience: "personal" } as Reply;
    const record = await server.answered(
      server.press({ user: ALICE, messageId, customId: "mob:7:join" }),
    );
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(readable(record.original!)).toContain("Sorry, something went wrong");
  });

  it("marks a slash command typed in a DM with the bot as a private chat without a community", async () => {
    const { server, handler } = await started();
    await server.answered(server.slash({ user: ALICE, subcommand: "list", dm: true }));
    expect(handler.seen[0]?.actor).toMatchObject({ inPrivateChat: true, isOrganizer: false });
    expect(handler.seen[0]?.actor.community).toBeUndefined();
  });

  it("suggests open mobs for id, matching what is typed", async () => {
    const { server } = await started();
    const all = await suggest(server, ALICE, "join", "id", "");
    expect(all.callbacks[0]).toMatchObject({
      type: 8,
      data: {
        choices: [
          { name: "#3 Librairie du Parc (announced)", value: 3 },
          { name: "#12 Cave à vins (draft)", value: 12 },
        ],
      },
    });
    const some = await suggest(server, ALICE, "join", "id", "cave");
    expect(some.callbacks[0]?.data?.choices).toEqual([
      { name: "#12 Cave à vins (draft)", value: 12 },
    ]);
  });

  it("suggests currencies and evening start times while the organizer types", async () => {
    const { server } = await started({ now: () => Date.UTC(2026, 11, 1, 12) });
    const currency = await suggest(server, ORG, "create", "currency", "c");
    expect(currency.callbacks[0]?.data?.choices).toEqual([
      { name: "CAD", value: "CAD" },
      { name: "CHF", value: "CHF" },
      { name: "CZK", value: "CZK" },
    ]);
    const when = await suggest(server, ORG, "create", "when", "2026-12-0");
    const names = ((when.callbacks[0]?.data?.choices ?? []) as { name: string }[]).map(
      (c) => c.name,
    );
    expect(names[0]).toBe("2026-12-0");
    expect(names).toContain("2026-12-02 18:00");
  });
});

/** `user` types `typed` in the `focused` option of `/mob subcommand`: the suggestions' record. */
function suggest(
  server: FakeDiscord,
  user: string,
  subcommand: string,
  focused: string,
  typed: string,
): Promise<InteractionRecord> {
  return server.answered(
    server.autocomplete({ user, subcommand, focused, options: { [focused]: typed } }),
  );
}

describe("Discord gateway", () => {
  it("resumes after Discord drops the gateway session and keeps answering", async () => {
    const { server } = await started();
    server.gateway.dropAll(4000);
    await server.waitFor(() => server.gateway.received.some((p) => p.op === 6));
    await server.waitFor(() => server.gateway.connected === 1);
    const record = await server.answered(server.slash({ user: ALICE, subcommand: "list" }));
    expect(readable(record.original!)).toContain("Done.");
  });
});

describe("Discord start-up", () => {
  it("fails start-up clearly on a wrong token, without repeating the token", async () => {
    const server = await new FakeDiscord().start();
    const wrong = "wrong-token-that-must-not-leak-123";
    const adapter = createDiscordAdapter({
      token: wrong,
      apiUrl: server.apiUrl,
      logger: silentLogger,
    });
    try {
      const failure = await adapter.start(new ScriptedHandler()).then(
        () => null,
        (error: unknown) => error as Error,
      );
      expect(failure?.message).toMatch(/token/i);
      expect(failure?.message).not.toContain(wrong);
      expect(server.commands()).toEqual([]);
    } finally {
      await adapter.stop();
      await server.stop();
    }
  });

  it("registers commands globally when no guild is configured", async () => {
    const server = await new FakeDiscord().start();
    const adapter = createDiscordAdapter({
      token: server.token,
      apiUrl: server.apiUrl,
      logger: silentLogger,
    });
    try {
      await adapter.start(new ScriptedHandler());
      expect(server.commands("global").map((c) => c.name)).toEqual(["mob", "series"]);
      expect(server.commands()).toEqual([]);
    } finally {
      await adapter.stop();
      await server.stop();
    }
  });
});
