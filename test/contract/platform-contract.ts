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

/** The suite every platform adapter passes. */
export function platformContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`platform contract: ${name}`, () => {
    it("publishes a notice to the channel and returns a reference it can edit", async () => {
      const s = await make();
      try {
        const sent = await s.platform.publish(s.channel, sampleNotice("Cash mob: Cave"), {
          idempotencyKey: "k1",
        });
        expect(sent.ok).toBe(true);
        if (!sent.ok || !s.platform.edit) return;
        const edited = await s.platform.edit(sent.ref, sampleNotice("Cash mob: Cave (edited)"));
        expect(edited.ok).toBe(true);
        expect((await s.channelTexts()).join("\n")).toContain("Cash mob: Cave (edited)");
      } finally {
        await s.close();
      }
    });

    it("shows hostile user text verbatim, without pinging anyone", async () => {
      const s = await make();
      try {
        const sent = await s.platform.publish(s.channel, sampleNotice(HOSTILE), {
          idempotencyKey: "k2",
        });
        expect(sent.ok).toBe(true);
        expect((await s.channelTexts()).join("\n")).toContain(HOSTILE);
      } finally {
        await s.close();
      }
    });

    it("delivers a DM to a reachable member and reports no DM channel for the others, without throwing", async () => {
      const s = await make();
      try {
        if (!s.platform.sendDirect) return;
        const ok = await s.platform.sendDirect(s.reachable, sampleNotice("Reminder"), {
          idempotencyKey: "k3",
        });
        expect(ok.ok).toBe(true);
        expect((await s.dmTexts(s.reachable.userId)).join("\n")).toContain("Reminder");
        if (!s.unreachable) return;
        const refused = await s.platform.sendDirect(s.unreachable, sampleNotice("Reminder"), {
          idempotencyKey: "k4",
        });
        expect(refused).toMatchObject({ ok: false, failure: "no_dm_channel" });
      } finally {
        await s.close();
      }
    });
  });
}
