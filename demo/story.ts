import type { Stage } from "./stage.js";

const HOUR = 3_600_000;

/** The organizer's check-in code, as the console showed it to her. */
function checkinCode(transcript: string): string {
  const code = /Give this code to mobbers at the shop: ([A-Z0-9]{6})/.exec(transcript)?.[1];
  if (!code) throw new Error("the demo did not see the check-in code");
  return code;
}

/**
 * One cash mob's whole life, told on the console: the announcement, members
 * joining by button and by command, both reminders (with their DMs), the
 * secret shop's reveal, the start, check-ins, spend reports and the tally.
 * The clock stands a few days before `startsAt`, a Saturday at 18:00.
 */
export async function playStory(stage: Stage, startsAt: number, whenText: string): Promise<void> {
  await stage.tell(
    "Olga organizes cash mobs for her neighbourhood. The owner of Librairie du Parc has agreed " +
      "to one on Saturday evening; the shop stays a secret until an hour before.",
  );
  await stage.act(
    "olga",
    `/newmob Librairie du Parc | ${whenText} | 15 | 3 rue des Lilas | meet=the fountain, place du Marché | secret | goal=300`,
  );
  await stage.settle();

  await stage.tell("Members answer with the post's buttons, or by typing a command.");
  await stage.act("alice", "/press mob:1:join");
  await stage.act("bob", "/join 1 25");
  await stage.act("chloe", "/press mob:1:maybe");
  await stage.act("dan", "/join 1");
  await stage.tell("The call-to-action is edited to show the new counts.");
  await stage.settle();

  await stage.jumpTo(
    startsAt - 24 * HOUR,
    "one day before",
    "A reminder in the channel, and by DM to each member going (the first time, the maybes too).",
  );
  await stage.tell("Dan can't make it after all: the reminder's button frees his place.");
  await stage.act("dan", "/press mob:1:leave");
  await stage.settle();

  await stage.jumpTo(
    startsAt - 2 * HOUR,
    "two hours before",
    "The second reminder, to those going.",
  );
  await stage.jumpTo(
    startsAt - HOUR,
    "one hour before",
    "The secret is out: the shop is revealed in the channel and by DM.",
  );
  await stage.jumpTo(startsAt, "the start", "The mob is on.");
  await stage.tell(
    "At the fountain Olga reads out the check-in code she got privately; mobbers check in with it.",
  );
  const code = checkinCode(stage.transcript);
  await stage.act("alice", `/checkin 1 ${code}`);
  await stage.act("bob", `/checkin 1 ${code}`);
  await stage.settle();

  await stage.jumpTo(
    startsAt + 2 * HOUR,
    "the end of the mob",
    "Each mobber is asked privately what they spent: a tap, or a typed amount.",
  );
  await stage.act("alice", "/press mob:1:spent:2300");
  await stage.act("bob", "/spent 1 32.50");

  await stage.jumpTo(startsAt + 14 * HOUR, "the next morning", "The tally.");
  await stage.tell(
    "That was one whole cash mob. Your turn: `npm start` opens this console with you as the " +
      "organizer (/help lists the commands); README.md shows how to connect Telegram or Discord.",
  );
}
