import { describe, expect, it } from "vitest";
import type { ChannelAddress, MemberAddress, Notice, Platform } from "../../src/ports/platform.js";

/**
 * What a test needs to drive one adapter through the contract: the platform,
 * a channel and members it can reach, and a way to read back what people saw.
 */
export interface ContractSubject {
  readonly platform: Platform;
  readonly channel: ChannelAddress;
  /** A member the bot can DM. */
  readonly reachable: MemberAddress;
  /** A member whose DMs are closed / who never started the bot (absent where everyone is reachable). */
  readonly unreachable?: MemberAddress;
  /** Everything shown in the channel, as the text a person reads (markup resolved). */
  channelTexts(): Promise<string[]>;
  /** Everything shown to a member privately. */
  dmTexts(userId: string): Promise<string[]>;
  /**
   * Everyone the platform notifies by name for what is shown in the channel,
   * as the platform itself decides it (user ids, `role:<id>`, `everyone`).
   * Absent where the platform notifies no one (a terminal).
   */
  pinged?(): Promise<string[]>;
  /** How a person's text could name the reachable member so that, sent as markup, it pings them. */
  readonly namesReachable?: string;
  close(): Promise<void>;
}

const HOSTILE = `<b>Tom & "Jerry"</b> @everyone <@&123> *bold* _x_ \`code\``;

export function sampleNotice(title: string, extra: Partial<Notice> = {}): Notice {
  return {
    kind: "call_to_action",
    mobId: 7,
    tone: "info",
    title,
    lines: [
      [
        { kind: "bold", text: "When: " },
        { kind: "time", at: Date.UTC(2026, 11, 5, 18), text: "Sat 5 Dec 2026, 18:00 (UTC)" },
      ],
      [
        {
          kind: "link",
          text: "3 rue des Lilas",
          url: "https://www.openstreetmap.org/search?query=3%20rue%20des%20Lilas",
        },
      ],
    ],
    actions: [
      [
        { id: "mob:7:join", label: "Join", style: "success" },
        { id: "mob:7:maybe", label: "Maybe", style: "secondary" },
        { id: "mob:7:leave", label: "Leave", style: "danger" },
      ],
    ],
    locale: "en",
    ...extra,
  };
}

/** A notice that names `member` the way the core asks a platform to ping someone. */
function mentioning(member: MemberAddress, title: string): Notice {
  return sampleNotice(title, {
    kind: "unreachable_mentions",
    lines: [
      [
        { kind: "text", text: "Not reachable privately: " },
        { kind: "mention", member },
      ],
    ],
    actions: [],
  });
}

/**
 * The suite every platform adapter passes. A part that cannot apply to a
 * platform (an edit where it cannot edit, a DM where it has none, a ping
 * where nothing notifies) is reported as skipped, with the reason.
 */
export function platformContract(name: string, make: () => Promise<ContractSubject>): void {
  /** Runs `body` on a fresh subject, closing it whatever happens (a skip included). */
  async function withSubject(body: (s: ContractSubject) => Promise<void>): Promise<void> {
    const s = await make();
    try {
      await body(s);
    } finally {
      await s.close();
    }
  }

  /**
   * Runs `body` on a subject whose platform notifies people by name (skipped where none
   * does), with who it pinged and a hostile text that also names the reachable member.
   */
  const withPings =
    (
      body: (s: ContractSubject, pinged: () => Promise<string[]>, hostile: string) => Promise<void>,
    ) =>
    ({ skip }: { skip: (note: string) => void }) =>
      withSubject(async (s) => {
        const pinged = s.pinged;
        if (!pinged) return skip(`${name} notifies no one by name`);
        const hostile = [HOSTILE, s.namesReachable].filter(Boolean).join(" ");
        await body(s, () => pinged.call(s), hostile);
      });

  describe(`platform contract: ${name}`, () => {
    it("states its capabilities truthfully: it edits and DMs exactly when it says it can", () =>
      withSubject(async (s) => {
        expect(Boolean(s.platform.edit)).toBe(s.platform.capabilities.canEdit);
        expect(Boolean(s.platform.sendDirect)).toBe(s.platform.capabilities.canDm);
      }));

    it("publishes a notice to the channel and returns a reference", () =>
      withSubject(async (s) => {
        const sent = await s.platform.publish(s.channel, sampleNotice("Cash mob: Cave"), {
          idempotencyKey: "k1",
        });
        expect(sent.ok).toBe(true);
        expect((await s.channelTexts()).join("\n")).toContain("Cash mob: Cave");
      }));

    it("edits a published notice through its reference", ({ skip }) =>
      withSubject(async (s) => {
        const edit = s.platform.edit;
        if (!edit) return skip(`${name} cannot edit a post`);
        const sent = await s.platform.publish(s.channel, sampleNotice("Cash mob: Cave"), {
          idempotencyKey: "k1",
        });
        if (!sent.ok) throw new Error(`publish failed: ${JSON.stringify(sent)}`);
        const edited = await edit.call(
          s.platform,
          sent.ref,
          sampleNotice("Cash mob: Cave (edited)"),
        );
        expect(edited.ok).toBe(true);
        expect((await s.channelTexts()).join("\n")).toContain("Cash mob: Cave (edited)");
      }));

    it("shows hostile user text verbatim", () =>
      withSubject(async (s) => {
        const sent = await s.platform.publish(s.channel, sampleNotice(HOSTILE), {
          idempotencyKey: "k2",
        });
        expect(sent.ok).toBe(true);
        expect((await s.channelTexts()).join("\n")).toContain(HOSTILE);
      }));

    it(
      "pings no one for user text, not even text written as a mention of everyone, a role or a member",
      withPings(async (s, pinged, hostile) => {
        const sent = await s.platform.publish(s.channel, sampleNotice(hostile), {
          idempotencyKey: "k5",
        });
        expect(sent.ok).toBe(true);
        expect((await s.channelTexts()).join("\n")).toContain(hostile);
        expect(await pinged()).toEqual([]);
      }),
    );

    it(
      "pings exactly the member a notice mentions, and no one its hostile text names",
      withPings(async (s, pinged, hostile) => {
        const unreachable = s.unreachable ?? s.reachable;
        const sent = await s.platform.publish(s.channel, mentioning(unreachable, hostile), {
          idempotencyKey: "k6",
        });
        expect(sent.ok).toBe(true);
        expect(await pinged()).toEqual([unreachable.userId]);
      }),
    );

    it("delivers a DM to a reachable member, without throwing", ({ skip }) =>
      withSubject(async (s) => {
        const sendDirect = s.platform.sendDirect;
        if (!sendDirect) return skip(`${name} has no private messages`);
        const ok = await sendDirect.call(s.platform, s.reachable, sampleNotice("Reminder"), {
          idempotencyKey: "k3",
        });
        expect(ok.ok).toBe(true);
        expect((await s.dmTexts(s.reachable.userId)).join("\n")).toContain("Reminder");
      }));

    it("reports no DM channel for a member who cannot get one, without throwing", ({ skip }) =>
      withSubject(async (s) => {
        const sendDirect = s.platform.sendDirect;
        if (!sendDirect) return skip(`${name} has no private messages`);
        if (!s.unreachable) return skip(`on ${name} every member can get a DM`);
        const refused = await sendDirect.call(s.platform, s.unreachable, sampleNotice("Reminder"), {
          idempotencyKey: "k4",
        });
        expect(refused).toMatchObject({ ok: false, failure: "no_dm_channel" });
        expect(await s.dmTexts(s.unreachable.userId)).toEqual([]);
      }));
  });
}
