import type { CommandHandler } from "../../src/ports/inbound.js";

/** A suggestion as Discord takes it (at most 25, names ≤ 100 characters). */
export interface Choice {
  readonly name: string;
  readonly value: string | number;
}

const MAX_CHOICES = 25;
const CURRENCIES = [
  "EUR",
  "USD",
  "GBP",
  "CAD",
  "CHF",
  "AUD",
  "NZD",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
  "JPY",
  "MXN",
  "BRL",
];

const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);

/** What is being typed, where, and what the core knows of open mobs. */
export interface AutocompleteContext {
  readonly handler: CommandHandler;
  readonly guildId: string | null;
  /** The channel typed in: a linked chat answers for its own community. */
  readonly channelId?: string | null;
  /** The person typing may organize (Manage Events): drafts are suggested to them only. */
  readonly isOrganizer?: boolean;
  readonly option: string;
  readonly typed: string;
  readonly now: number;
}

/** Suggestions for the option being typed; never throws for odd input. */
export async function suggest(ctx: AutocompleteContext): Promise<Choice[]> {
  const typed = ctx.typed.trim();
  switch (ctx.option) {
    case "id": {
      if (!ctx.guildId) return [];
      const needle = typed.replace(/^#/, "").toLowerCase();
      const mobs = await ctx.handler.openMobs(
        "discord",
        ctx.guildId,
        ctx.channelId ?? ctx.guildId,
        ctx.isOrganizer ?? false,
      );
      return mobs
        .filter(
          (m) =>
            needle === "" ||
            String(m.id).startsWith(needle) ||
            m.label.toLowerCase().includes(needle),
        )
        .slice(0, MAX_CHOICES)
        .map((m) => ({ name: clip(m.label), value: m.id }));
    }
    case "when":
      return whenChoices(typed, ctx.now);
    case "currency":
      return CURRENCIES.filter((c) => c.startsWith(typed.toUpperCase())).map((c) => ({
        name: c,
        value: c,
      }));
    case "timezone": {
      const needle = typed.toLowerCase();
      return Intl.supportedValuesOf("timeZone")
        .filter((z) => z.toLowerCase().includes(needle))
        .slice(0, MAX_CHOICES)
        .map((z) => ({ name: z, value: z }));
    }
    default:
      return [];
  }
}

/**
 * What the organizer typed, kept first (the core parses it), then the next
 * fortnight's evenings in the accepted `YYYY-MM-DD HH:mm` form that match it.
 */
function whenChoices(typed: string, now: number): Choice[] {
  const out: Choice[] = typed ? [{ name: clip(typed), value: clip(typed) }] : [];
  for (let day = 1; day <= 14 && out.length < MAX_CHOICES; day++) {
    const date = new Date(now + day * 86_400_000).toISOString().slice(0, 10);
    const text = `${date} 18:00`;
    if (text !== typed && text.startsWith(typed)) out.push({ name: text, value: text });
  }
  return out.slice(0, MAX_CHOICES);
}
