import { describe, expect, it } from "vitest";
import { parseTextCommand } from "../../src/app/parse-command.js";
import { USAGE } from "../../src/app/parse-usage.js";
import { actionToCommand } from "../../src/inbound/handler.js";
import type { Command } from "../../src/ports/inbound.js";

describe("parseTextCommand turns a typed command into a core command", () => {
  it.each<[string, Command]>([
    ["/mobs", { type: "list" }],
    ["/mob 12", { type: "info", id: "12" }],
    ["/join 1", { type: "join", id: "1" }],
    ["/join@cashmob_bot 1", { type: "join", id: "1" }],
    ["/JOIN 1", { type: "join", id: "1" }],
    ["/join 1 25", { type: "join", id: "1", pledge: "25" }],
    ["/join@cashmob_bot 1 €20", { type: "join", id: "1", pledge: "€20" }],
    ["  /join   7  ", { type: "join", id: "7" }],
    ["/maybe 3", { type: "join", id: "3", maybe: true }],
    ["/leave 3", { type: "leave", id: "3" }],
    ["/confirm 4", { type: "confirm", id: "4" }],
    ["/tally 5", { type: "tally", id: "5" }],
    ["/cancelmob 6", { type: "cancel", id: "6" }],
    [
      "/cancelmob 6 Shop closed  for works",
      { type: "cancel", id: "6", reason: "Shop closed for works" },
    ],
    ["/spent 7 15,50", { type: "spent", id: "7", amount: "15,50" }],
    ["/spent 7 1 000 €", { type: "spent", id: "7", amount: "1 000 €" }],
    ["/checkin 8 ABC234", { type: "checkin", id: "8", code: "ABC234" }],
    ["/start", { type: "start" }],
    ["/start mob_12", { type: "start", payload: "mob_12" }],
    ["/help", { type: "help" }],
    ["/help@cashmob_bot", { type: "help" }],
    ["/settings", { type: "settings" }],
    [
      "/settings timezone Europe/Paris language fr currency chf organizers anyone",
      {
        type: "settings",
        timezone: "Europe/Paris",
        locale: "fr",
        currency: "chf",
        organizers: "anyone",
      },
    ],
    [
      "/settings fuseau Europe/Paris langue fr",
      { type: "settings", timezone: "Europe/Paris", locale: "fr" },
    ],
    [
      "/newmob Librairie du Parc | 2026-12-05 18:00",
      { type: "create", shop: "Librairie du Parc", when: "2026-12-05 18:00" },
    ],
    [
      "/newmob A | B | 15 | addr | secret | meet=Fountain | capacity=30",
      {
        type: "create",
        shop: "A",
        when: "B",
        pledge: "15",
        address: "addr",
        secret: "true",
        meetingPoint: "Fountain",
        capacity: "30",
      },
    ],
    [
      "/newmob A | B | goal: 300 | takings=400 | draft | currency=usd | duration=90m",
      {
        type: "create",
        shop: "A",
        when: "B",
        goal: "300",
        takings: "400",
        draft: "true",
        currency: "usd",
        duration: "90m",
      },
    ],
    ["/newmob A | B | | addr", { type: "create", shop: "A", when: "B", address: "addr" }],
    [
      "/editmob 3 | when=2026-12-08 18:00 | pledge=20",
      { type: "edit", id: "3", when: "2026-12-08 18:00", pledge: "20" },
    ],
    ["/editmob 3 when 2026-12-08 18:00", { type: "edit", id: "3", when: "2026-12-08 18:00" }],
    ["/editmob 3 | meet=Fontaine", { type: "edit", id: "3", meetingPoint: "Fontaine" }],
    [
      "/newmob A | B | 15 | addr | party=Le Zinc, 2 rue X",
      {
        type: "create",
        shop: "A",
        when: "B",
        pledge: "15",
        address: "addr",
        party: "Le Zinc, 2 rue X",
      },
    ],
    ["/editmob 3 | afterparty: Café", { type: "edit", id: "3", party: "Café" }],
    ["/photo 12", { type: "photo", id: "12", upload: null }],
    ["/dropphoto 12 #3", { type: "dropphoto", id: "12", photo: "3" }],
    ["/thanks 12", { type: "thanks", id: "12" }],
    [
      "/thanks 12 Merci   Anne,\nà bientôt !",
      { type: "thanks", id: "12", message: "Merci   Anne,\nà bientôt !" },
    ],
    ["/history", { type: "history" }],
    ["/export@cashmob_bot 12", { type: "export", id: "12" }],
  ])("%j", (text, command) => {
    expect(parseTextCommand(text)).toEqual({ ok: true, command });
  });

  it.each<[string, keyof typeof USAGE]>([
    ["/mob", "mob"],
    ["/mob 1 2", "mob"],
    ["/join", "join"],
    ["/join 1 2 3", "join"],
    ["/maybe", "maybe"],
    ["/leave", "leave"],
    ["/confirm", "confirm"],
    ["/tally", "tally"],
    ["/cancelmob", "cancelmob"],
    ["/spent", "spent"],
    ["/spent 7", "spent"],
    ["/checkin 8", "checkin"],
    ["/checkin 8 A B", "checkin"],
    ["/newmob", "newmob"],
    ["/newmob Shop only", "newmob"],
    ["/newmob | 2026-12-05 18:00", "newmob"],
    ["/newmob A | B | 15 | addr | extra positional", "newmob"],
    ["/editmob", "editmob"],
    ["/editmob 3 | shop=New name", "editmob"],
    ["/editmob 3 | currency=USD", "editmob"],
    ["/editmob 3 | nonsense", "editmob"],
    ["/settings timezone", "settings"],
    ["/settings colour blue", "settings"],
    ["/photo", "photo"],
    ["/photo 1 2", "photo"],
    ["/dropphoto 1", "dropphoto"],
    ["/thanks", "thanks"],
    ["/history 2", "history"],
    ["/export", "export"],
  ])("%j is a usage error showing how to write /%s", (text, key) => {
    expect(parseTextCommand(text)).toEqual({ ok: false, code: "USAGE", usage: USAGE[key] });
  });

  it.each([["/frobnicate"], ["/mobz 1"], ["/newmob_x A | B"]])(
    "%j is an unknown command",
    (text) => {
      expect(parseTextCommand(text)).toEqual({ ok: false, code: "UNKNOWN_COMMAND" });
    },
  );

  it.each([
    ["hello"],
    [""],
    ["   "],
    ["join 1"],
    ["/ join 1"],
    ["//join 1"],
    ["/123"],
    ["/join-now 1"],
    ["see /join 1"],
  ])("%j is not a command, so the bot stays quiet", (text) => {
    expect(parseTextCommand(text)).toBeNull();
  });

  it("every usage line starts with its own command", () => {
    for (const [key, usage] of Object.entries(USAGE))
      expect(usage.startsWith(`/${key}`)).toBe(true);
  });
});

describe("actionToCommand decodes button ids", () => {
  it.each<[string, Command]>([
    ["mob:12:join", { type: "join", id: "12" }],
    ["mob:12:maybe", { type: "join", id: "12", maybe: true }],
    ["mob:12:leave", { type: "leave", id: "12" }],
    ["mob:12:spent:1500", { type: "spent", id: "12", amount: "minor:1500" }],
    ["mob:999999999:join", { type: "join", id: "999999999" }],
  ])("%j", (id, command) => {
    expect(actionToCommand(id)).toEqual(command);
  });

  it.each([
    ["mob:12:spent"],
    ["mob:12:cancel"],
    ["mob:x:join"],
    ["mob:-1:join"],
    ["mob:1234567890:join"],
    ["mob:12:spent:1234567890123"],
    ["mob:12:spent:-5"],
    ["mob:12:JOIN"],
    [" mob:12:join"],
    ["mob:12:join "],
    [""],
    ["join"],
  ])("%j is no known button", (id) => {
    expect(actionToCommand(id)).toBeNull();
  });
});

describe("actionToCommand is strict", () => {
  it.each(["mob:12:join:1", "mob:12:spent", "mob:12:spent:abc", "mob:12:leave:"])(
    "%s is no valid button",
    (id) => {
      expect(actionToCommand(id)).toBeNull();
    },
  );
});
