import { describe, expect, it } from "vitest";
import { ALICE, BOB, buttons, CAROL, GROUP, ORG, until } from "../fakes/telegram-harness.js";
import type { SentMessage } from "../fakes/telegram-server.js";
import { telegramScene, toastFor } from "../fakes/telegram-talk.js";

const { rig, start, group, say: sayIn } = telegramScene();

const say = (from: number, text: string) => sayIn(from, GROUP, text);

const press = async (from: number, message: SentMessage, data: string) =>
  (await toastFor(rig(), from, message, data)) ?? "";

const votePost = () => group().find((m) => m.text.startsWith("Vote:"));

describe("Telegram: choosing the shop", () => {
  it("a group nominates, votes with the post's buttons (a toast each, votes movable), and sees the counts and the result", async () => {
    const { server, h } = await start();
    expect(await say(ALICE, "/nominate <b>Tom & Jerry</b> | 3 rue des Lilas | cheese")).toBe(
      "<b>Tom & Jerry</b> is nominated (#1); others second it by nominating it too.",
    );
    expect(await say(BOB, "/nominate Fromagerie")).toBe(
      "Fromagerie is nominated (#2); others second it by nominating it too.",
    );
    expect(await say(CAROL, "/nominate fromagerie")).toBe(
      "Appuyé\u00a0! Fromagerie a maintenant 1 appui.",
    );
    expect(await say(BOB, "/vote 2026-12-12 18:00")).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    expect(await say(ORG, "/vote 2026-12-12 18:00 | closes=2026-12-02 18:00")).toBe(
      "Vote #1 is open until Wed 2 Dec 2026, 18:00 (UTC); the vote is posted in every chat.",
    );
    await h.drain();
    await until(() => !!votePost(), "the vote post");
    const post = votePost() as SentMessage;
    // The most seconded first; user text escaped, not markup.
    expect(buttons(post)).toEqual(["vote:1:2", "vote:1:1"]);
    expect(post.reply_markup?.inline_keyboard?.[0]?.map((b) => b.text)).toEqual([
      "1. Fromagerie",
      "2. <b>Tom & Jerry</b>",
    ]);
    expect(post.text).toContain("2. <b>Tom & Jerry</b>: 0 votes");
    expect(post.html).toContain("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;");

    expect(await press(ALICE, post, "vote:1:1")).toBe("You voted for <b>Tom & Jerry</b>.");
    expect(await press(CAROL, post, "vote:1:2")).toBe("Vous avez voté pour Fromagerie.");
    expect(await press(ALICE, post, "vote:1:2")).toBe(
      "You moved your vote to Fromagerie (from <b>Tom & Jerry</b>).",
    );
    await h.advance(10_000, 1_000);
    await until(() => (votePost()?.text ?? "").includes("2 members voted."), "the edited counts");
    expect(votePost()?.text).toContain("1. Fromagerie: 2 votes");
    expect(votePost()?.edits).toBeLessThanOrEqual(3);

    await h.advance(Date.UTC(2026, 11, 2, 18, 1) - h.clock.now(), 3_600_000);
    await until(() => group().some((m) => m.text.startsWith("The vote chose")), "the result");
    expect(
      group()
        .find((m) => m.text.startsWith("The vote chose"))
        ?.text.split("\n")[0],
    ).toBe("The vote chose Fromagerie!");
    await until(() => buttons(votePost()).length === 0, "the buttons gone");
    expect(await press(BOB, post, "vote:1:1")).toBe(
      "Vote #1 is closed; votes can no longer change.",
    );
    // The winner is a draft: the organizer's /mobs lists it privately, not to the group.
    server.startPrivate(ORG);
    await until(() => server.dms(ORG).length === 1, "the welcome");
    expect(await say(ORG, "/mobs")).not.toContain("Fromagerie");
    await until(() => server.dms(ORG).length === 2, "the drafts, privately");
    expect(server.dms(ORG)[1]?.text).toContain("#1 Fromagerie");
  });
});
