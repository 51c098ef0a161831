/**
 * The button-id codec: the `custom_id` (Discord) or `callback_data` (Telegram)
 * the bot writes on its buttons, and reads back when one is pressed. The wire
 * strings are a public contract (docs/commands.md, `/press` in the console):
 * `mob:<id>:join|maybe|leave`, `mob:<id>:spent:<minor units>`,
 * `vote:<vote id>:<nomination id>`. Each fits Telegram's 64 bytes.
 */
export type Button =
  | { readonly kind: "join" | "maybe" | "leave"; readonly mobId: number }
  /** A quick amount of the spend question, in minor units (cents). */
  | { readonly kind: "spent"; readonly mobId: number; readonly minor: number }
  | { readonly kind: "vote"; readonly voteId: number; readonly nominationId: number };

const ID = "([1-9]\\d{0,8})";
const MINOR = "(0|[1-9]\\d{0,11})";
const MOB = new RegExp(`^mob:${ID}:(?:(join|maybe|leave)|spent:${MINOR})$`);
const VOTE = new RegExp(`^vote:${ID}:${ID}$`);

/** The id of a button; throws on values no button can carry (a bug, not input). */
export function encodeButtonId(button: Button): string {
  const text =
    button.kind === "vote"
      ? `vote:${button.voteId}:${button.nominationId}`
      : button.kind === "spent"
        ? `mob:${button.mobId}:spent:${button.minor}`
        : `mob:${button.mobId}:${button.kind}`;
  if (decodeButtonId(text) === null)
    throw new Error(`cannot write ${JSON.stringify(button)} on a button`);
  return text;
}

/** What a pressed button asks for, or null for an id the bot never wrote. */
export function decodeButtonId(text: string): Button | null {
  const vote = VOTE.exec(text);
  if (vote) return { kind: "vote", voteId: Number(vote[1]), nominationId: Number(vote[2]) };
  const m = MOB.exec(text);
  if (!m) return null;
  const mobId = Number(m[1]);
  const kind = m[2] as "join" | "maybe" | "leave" | undefined;
  return kind ? { kind, mobId } : { kind: "spent", mobId, minor: Number(m[3]) };
}

/** Builders for the buttons the notices put on posts. */
export const actionId = {
  join: (mobId: number) => encodeButtonId({ kind: "join", mobId }),
  maybe: (mobId: number) => encodeButtonId({ kind: "maybe", mobId }),
  leave: (mobId: number) => encodeButtonId({ kind: "leave", mobId }),
  spent: (mobId: number, minor: number) => encodeButtonId({ kind: "spent", mobId, minor }),
  vote: (voteId: number, nominationId: number) =>
    encodeButtonId({ kind: "vote", voteId, nominationId }),
};

/**
 * A quick amount travels from the button to the spend use case as command
 * text `minor:<units>` (people type major units: `12.50`); written and read here.
 */
export const encodeQuickAmount = (minor: number): string => `minor:${minor}`;

/** The minor units of a quick amount, or null for typed text. */
export function decodeQuickAmount(text: string): number | null {
  const m = /^minor:(\d{1,12})$/.exec(text);
  return m ? Number(m[1]) : null;
}
