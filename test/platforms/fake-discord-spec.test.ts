import { REST, Routes } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord-server.js";
import { DiscordSpec } from "../fakes/spec/discord.js";
import { failOnViolations } from "../fakes/spec/violations.js";

/**
 * The fake Discord refuses what Discord's own OpenAPI description refuses,
 * with Discord's answer (400, code 50035, the errors per field). Skipped,
 * after a loud warning, where ../shared/specs is absent; on CI that is an error.
 */

let fake: FakeDiscord;
let channel: string;
beforeEach(async () => {
  fake = await new FakeDiscord().start();
  channel = fake.guild.channels[0]?.id ?? "";
});
afterEach(async () => {
  // These tests send refused requests on purpose; each one checked what it expected.
  fake.specViolations.splice(0);
  await fake.stop();
});

interface Sent {
  status: number;
  body: { code?: number; message?: string; errors?: Record<string, unknown> };
}

async function send(method: string, path: string, body?: unknown, query = ""): Promise<Sent> {
  const res = await fetch(`${fake.apiUrl}/v10${path}${query ? `?${query}` : ""}`, {
    method,
    headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** The `_errors` Discord lists at one place of the errors tree. */
function errorsAt(sent: Sent, ...path: string[]): { code: string; message: string }[] {
  let node: unknown = sent.body.errors;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  return ((node as { _errors?: [] } | undefined)?._errors ?? []) as {
    code: string;
    message: string;
  }[];
}

const button = (extra: Record<string, unknown> = {}) => ({
  type: 2,
  style: 1,
  label: "Join",
  custom_id: "mob:1:join",
  ...extra,
});
const row = (...components: unknown[]) => ({ type: 1, components });
const APP = "900000000000000001";
const GUILD = "800000000000000001";
const future = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const event = (extra: Record<string, unknown> = {}) => ({
  name: "Cash mob: Cave",
  privacy_level: 2,
  scheduled_start_time: future(24),
  scheduled_end_time: future(26),
  entity_type: 3,
  entity_metadata: { location: "3 rue des Lilas" },
  ...extra,
});

/** [what, method, path, body, query, where the error is reported] */
const REFUSED: [string, string, () => string, unknown, string, string[]][] = [
  [
    "a nonce over 25 characters",
    "POST",
    () => `/channels/${channel}/messages`,
    { content: "hi", nonce: "n".repeat(26) },
    "",
    ["nonce"],
  ],
  [
    "an embed colour over 0xFFFFFF",
    "POST",
    () => `/channels/${channel}/messages`,
    { embeds: [{ title: "t", color: 0x1000000 }] },
    "",
    ["embeds", "0", "color"],
  ],
  [
    "an empty action row",
    "POST",
    () => `/channels/${channel}/messages`,
    { content: "hi", components: [row()] },
    "",
    ["components", "0", "components"],
  ],
  [
    "six buttons in a row",
    "POST",
    () => `/channels/${channel}/messages`,
    { components: [row(...[1, 2, 3, 4, 5, 6].map((i) => button({ custom_id: `b${i}` })))] },
    "",
    ["components", "0", "components"],
  ],
  [
    "a custom_id over 100 characters",
    "POST",
    () => `/channels/${channel}/messages`,
    { components: [row(button({ custom_id: "c".repeat(101) }))] },
    "",
    ["components", "0", "components", "0", "custom_id"],
  ],
  [
    "a button label over 80 characters",
    "POST",
    () => `/channels/${channel}/messages`,
    { components: [row(button({ label: "l".repeat(81) }))] },
    "",
    ["components", "0", "components", "0", "label"],
  ],
  [
    "an embed with 26 fields",
    "POST",
    () => `/channels/${channel}/messages`,
    { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }] },
    "",
    ["embeds", "0", "fields"],
  ],
  [
    "an embed field value over 1024 characters",
    "POST",
    () => `/channels/${channel}/messages`,
    { embeds: [{ fields: [{ name: "n", value: "v".repeat(1025) }] }] },
    "",
    ["embeds", "0", "fields", "0", "value"],
  ],
  [
    "allowed_mentions.parse with an unknown kind",
    "POST",
    () => `/channels/${channel}/messages`,
    { content: "hi", allowed_mentions: { parse: ["everybody"] } },
    "",
    ["allowed_mentions", "parse", "0"],
  ],
  [
    "a channel id that is not a snowflake",
    "POST",
    () => "/channels/general/messages",
    { content: "hi" },
    "",
    ["channel_id"],
  ],
  [
    "an autocomplete answer with 26 choices",
    "POST",
    () => `/interactions/${APP}/token/callback`,
    {
      type: 8,
      data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })) },
    },
    "",
    ["data", "choices"],
  ],
  [
    "an autocomplete choice name over 100 characters",
    "POST",
    () => `/interactions/${APP}/token/callback`,
    { type: 8, data: { choices: [{ name: "c".repeat(101), value: "v" }] } },
    "",
    ["data", "choices", "0", "name"],
  ],
  [
    "with_response that is not a boolean",
    "POST",
    () => `/interactions/${APP}/token/callback`,
    { type: 6 },
    "with_response=maybe",
    ["with_response"],
  ],
  [
    "an option description over 100 characters",
    "PUT",
    () => `/applications/${APP}/guilds/${GUILD}/commands`,
    [
      {
        name: "mob",
        description: "d",
        options: [{ type: 1, name: "create", description: "d".repeat(101) }],
      },
    ],
    "",
    ["0", "options", "0", "description"],
  ],
  [
    "a French description over 100 characters",
    "PUT",
    () => `/applications/${APP}/guilds/${GUILD}/commands`,
    [{ name: "mob", description: "d", description_localizations: { fr: "d".repeat(101) } }],
    "",
    ["0", "description_localizations", "fr"],
  ],
  [
    "a command with 26 subcommands",
    "PUT",
    () => `/applications/${APP}/guilds/${GUILD}/commands`,
    [
      {
        name: "mob",
        description: "d",
        options: Array.from({ length: 26 }, (_, i) => ({
          type: 1,
          name: `s${i}`,
          description: "d",
        })),
      },
    ],
    "",
    ["0", "options"],
  ],
  [
    "a scheduled event start that is not a date-time",
    "POST",
    () => `/guilds/${GUILD}/scheduled-events`,
    event({ scheduled_start_time: "tomorrow 18:00" }),
    "",
    ["scheduled_start_time"],
  ],
  [
    "a scheduled event location over 100 characters",
    "POST",
    () => `/guilds/${GUILD}/scheduled-events`,
    event({ entity_metadata: { location: "l".repeat(101) } }),
    "",
    ["entity_metadata", "location"],
  ],
  [
    "a DM opened for a recipient that is not a snowflake",
    "POST",
    () => "/users/@me/channels",
    { recipient_id: "bob" },
    "",
    ["recipient_id"],
  ],
];

describe.skipIf(DiscordSpec.load() === null)(
  "the fake Discord checks requests against Discord's OpenAPI description",
  () => {
    it.each(REFUSED)(
      "refuses %s with 400 / 50035, naming the field",
      async (_what, method, path, body, query, where) => {
        const sent = await send(method, path(), body, query);
        expect(sent.status).toBe(400);
        expect(sent.body).toMatchObject({ code: 50035, message: "Invalid Form Body" });
        expect(errorsAt(sent, ...where).length).toBeGreaterThan(0);
        expect(fake.specViolations).toHaveLength(1);
        // Refused before anything was handled: nothing stored.
        expect(fake.channelMessages()).toEqual([]);
        expect(fake.events()).toEqual([]);
        expect(fake.commands()).toEqual([]);
      },
    );

    it("words the errors the way Discord does", async () => {
      const sent = await send("POST", `/channels/${channel}/messages`, {
        content: "hi",
        nonce: "n".repeat(26),
      });
      expect(sent.body.errors).toEqual({
        nonce: {
          _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }],
        },
      });
    });

    it("accepts a call-to-action shaped like the bot's, and stores it", async () => {
      const sent = await send("POST", `/channels/${channel}/messages`, {
        content: "",
        embeds: [
          {
            title: "Cash mob: Cave",
            description: "Sat 5 Dec",
            color: 0xffffff,
            fields: [{ name: "Going", value: "3", inline: true }],
          },
        ],
        components: [row(button(), button({ label: "Maybe", custom_id: "mob:1:maybe", style: 2 }))],
        allowed_mentions: { parse: [], users: [] },
        nonce: "n".repeat(25),
        enforce_nonce: true,
      });
      expect(sent.status).toBe(200);
      expect(fake.channelMessages()).toHaveLength(1);
      expect(fake.specViolations).toEqual([]);
    });

    it("answers 404 for a route Discord does not have and 405 for a method it does not allow", async () => {
      expect((await send("POST", `/channels/${channel}/mesages`, { content: "hi" })).status).toBe(
        404,
      );
      expect((await send("DELETE", "/gateway/bot")).status).toBe(405);
      expect(fake.specViolations.map((v) => v.request)).toEqual([
        `POST /channels/${channel}/mesages`,
        "DELETE /gateway/bot",
      ]);
    });

    it("reads a multipart upload from discord.js: payload_json checked, the file kept", async () => {
      const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(fake.token);
      const png = Buffer.from("89504e470d0a1a0a", "hex");
      await rest.post(Routes.channelMessages(channel), {
        body: {
          content: "The tally",
          attachments: [{ id: "0", filename: "card.png", description: "Tally card" }],
        },
        files: [{ name: "card.png", data: png, contentType: "image/png" }],
      });
      expect(fake.channelMessages().map((m) => m.content)).toEqual(["The tally"]);
      const refused = rest.post(Routes.channelMessages(channel), {
        body: {
          content: "The tally",
          attachments: [{ id: "0", filename: "card.png", description: "d".repeat(1025) }],
        },
        files: [{ name: "card.png", data: png, contentType: "image/png" }],
      });
      await expect(refused).rejects.toMatchObject({ status: 400, code: 50035 });
      expect(fake.specViolations.map((v) => v.errors[0]?.path)).toEqual([
        ["attachments", "0", "description"],
      ]);
      expect(fake.channelMessages()).toHaveLength(1);
    });

    it("fails the test that caused a violation, even when the bot swallowed the 400", async () => {
      await send("POST", `/channels/${channel}/messages`, { embeds: [{ color: -1 }] });
      expect(() => failOnViolations()).toThrow(
        /discord POST \/channels\/\d+\/messages: embeds\[0\]\.color: must be >= 0/,
      );
      // The check took them: the guard after this test finds none.
      expect(fake.specViolations).toEqual([]);
      expect(() => failOnViolations()).not.toThrow();
    });
  },
);
