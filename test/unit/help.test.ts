import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../bots/discord/commands.js";
import { toCommand } from "../../bots/discord/to-command.js";
import { MENU } from "../../bots/telegram/commands.js";
import { parseTextCommand } from "../../src/app/parse-command.js";
import { capturedConsole } from "../fakes/console-capture.js";
import { groupActor, type Harness, makeHarness } from "../fakes/core-harness.js";

/**
 * `/help` lists every command the chat's platform has, and nothing it does
 * not: Telegram's (its parser), the console's (the parser plus /as, /press,
 * /room and /photo with a file). Discord has no /help: its own command picker
 * lists `/mob`'s subcommands, which are exactly those the adapter handles.
 */
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

/** Command names written in `text` as `/name` (not the `//` of an address). */
function commandsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/(?:^|[\s(·])\/([a-z_]+)/g)].map((m) => m[1] as string));
}

/** The `case "name":` labels of a switch in a source file: what its parser accepts, as written. */
function caseLabels(file: string, fn: string): Set<string> {
  const source = readFileSync(file, "utf8");
  const body = source.slice(source.indexOf(`function ${fn}(`));
  const end = body.indexOf("\n}\n");
  return new Set([...body.slice(0, end).matchAll(/case "([a-z_]+)":/g)].map((m) => m[1] as string));
}

const TEXT_PARSER = caseLabels("src/app/parse-command.ts", "parseTextCommand");

async function helpText(platform: "telegram" | "console", locale: string): Promise<string> {
  h = makeHarness();
  const actor = groupActor("alice", {}, platform);
  await h.core.handler.handle(actor, {
    type: "settings",
    locale,
  });
  const reply = await h.core.handler.handle({ ...actor, isOrganizer: true }, { type: "help" });
  return [
    reply.notice.title,
    ...reply.notice.lines.map((l) => l.map((p) => ("text" in p ? p.text : "")).join("")),
  ].join("\n");
}

/** Every name that could be a command: in the parser, in any help, in the menu, the console's own. */
async function candidates(): Promise<Set<string>> {
  const all = new Set([...TEXT_PARSER, "as", "press", "room", "series", "skip"]);
  for (const platform of ["telegram", "console"] as const)
    for (const locale of ["en", "fr"])
      for (const n of commandsIn(await helpText(platform, locale))) all.add(n);
  for (const item of [...MENU.en, ...MENU.fr]) all.add(item.command);
  return all;
}

describe("/help lists every command, per platform", () => {
  it("the parser is read whole: it knows the commands everyone uses", () => {
    expect(TEXT_PARSER).toContain("newmob");
    expect(TEXT_PARSER).toContain("merchantlink");
    expect(TEXT_PARSER.size).toBeGreaterThan(25);
  });

  it.each(["en", "fr"])(
    "Telegram (%s): a command is in /help exactly when the bot accepts it",
    async (locale) => {
      const names = await candidates();
      const help = commandsIn(await helpText("telegram", locale));
      for (const name of names) {
        const parsed = parseTextCommand(`/${name}`);
        const accepted = parsed !== null && (parsed.ok || parsed.code !== "UNKNOWN_COMMAND");
        // /help itself needs no line.
        if (name === "help") continue;
        expect(help.has(name), `/${name}: accepted ${accepted}, in /help ${help.has(name)}`).toBe(
          accepted,
        );
      }
      const text = await helpText("telegram", locale);
      expect(text).toContain("party");
      expect(text).toContain("/merchantlink");
    },
  );

  it("Telegram's command menu has every command but /start, in both languages", () => {
    const expected = [...TEXT_PARSER].filter((n) => n !== "start").sort();
    expect(MENU.en.map((c) => c.command).sort()).toEqual(expected);
    expect(MENU.fr.map((c) => c.command).sort()).toEqual(expected);
  });

  it.each(["en", "fr"])(
    "the console (%s): a command is in /help exactly when the console accepts it",
    async (locale) => {
      const names = await candidates();
      h = makeHarness();
      const typed = capturedConsole();
      h.core.attach(typed.adapter.platform);
      if (locale === "fr") await typed.run(h.core.handler, "/settings language fr");
      const helpPrinted = await typed.run(h.core.handler, "/help");
      const help = commandsIn(helpPrinted);
      for (const name of names) {
        if (name === "help") continue;
        const printed = await typed.run(h.core.handler, `/${name}`);
        const refused = /don't know that command|ne connais pas cette commande/.test(printed);
        expect(help.has(name), `/${name}: answered "${printed}"`).toBe(!refused);
      }
      expect(helpPrinted).toMatch(/\/photo <(id|n°)> <(file|fichier)>/);
      expect(helpPrinted).not.toMatch(/\/photo <(id|n°)> — /);
      expect(helpPrinted).toContain("party");
      // Back to the organizer for the next test's sake.
      await typed.adapter.exec(h.core.handler, "/as you");
    },
  );

  it("Discord: /mob's subcommands are exactly those the adapter turns into commands", () => {
    const mob = COMMANDS[0];
    const options = mob && "options" in mob ? (mob.options ?? []) : [];
    const registered = new Set<string>(options.map((o) => o.name));
    const handled = caseLabels("bots/discord/to-command.ts", "toCommand");
    expect([...registered].sort()).toEqual([...handled].sort());
    for (const name of registered) expect(toCommand(name, []), name).not.toBeNull();
  });
});
