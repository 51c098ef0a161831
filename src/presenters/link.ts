import type { Context } from "../app/context.js";
import type { LinkOutcome } from "../app/link.js";
import { catalog } from "../i18n/index.js";
import { commandSyntax } from "../i18n/syntax.js";
import type { Reply } from "../ports/inbound.js";
import { describeChats } from "./describe-chats.js";
import { builder, personal } from "./kit.js";

/** `/link`, `/link <code>`, `/unlink`. */
export function presentLink(ctx: Context, outcome: LinkOutcome): Reply {
  const c = catalog(ctx.locale).chats;
  const { community } = outcome;
  switch (outcome.kind) {
    case "code_made": {
      // The code is typed in the other chat, maybe on the other platform: show both spellings.
      const typed = commandSyntax("telegram").link(outcome.code);
      const slash = commandSyntax("discord").link(outcome.code);
      return {
        audience: "personal",
        notice: builder(ctx, community).reply(c.codeSent),
        secret: builder(ctx, community).reply(
          c.codeTitle(outcome.code),
          [c.codeLine(typed, slash, outcome.minutes)],
          "info",
        ),
      };
    }
    case "linked":
      return personal(ctx, community, c.linked(community.name), [
        c.list(describeChats(outcome.chats, ctx.locale)),
      ]);
    case "unlinked":
      return personal(ctx, community, c.unlinked(community.name));
  }
}
