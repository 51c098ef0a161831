import type { StartPayload } from "../domain/codecs/deep-link.js";
import type { Notice } from "../ports/platform.js";
import { catalog } from "./index.js";
import { text } from "./notice-parts.js";

// Notices without a community: an error, the invitations to a private chat, a plain answer.

/** A one-sentence error answer, in any locale, without a community. */
export function errorNotice(sentence: string, locale: string): Notice {
  return { kind: "error", tone: "error", title: sentence, lines: [], actions: [], locale };
}

/**
 * Said in a group when something only the actor may see (a check-in code)
 * could not reach them privately: no secret in it, and the invitation to open
 * the private chat (`payload` comes back with their `/start`).
 */
export function privateChatInvite(locale: string, payload: StartPayload): Notice {
  const c = catalog(locale).t;
  return dmInviteReply(locale, c.codeNeedsPrivateChat, payload, c.codeNeedsPrivateChatButton);
}

/**
 * Said in a group when a file meant for the actor alone (an export) could not
 * reach them privately: the button opens the private chat, then they ask again.
 */
export function privateFileInvite(locale: string): Notice {
  const a = catalog(locale).after;
  return dmInviteReply(
    locale,
    a.fileNeedsPrivateChat,
    { kind: "files" },
    a.fileNeedsPrivateChatButton,
  );
}

/** A warning reply whose one button opens the private chat with `payload`. */
function dmInviteReply(
  locale: string,
  title: string,
  payload: StartPayload,
  label: string,
): Notice {
  return {
    kind: "reply",
    tone: "warning",
    title,
    lines: [],
    actions: [],
    dmInvite: { payload, label },
    locale,
  };
}

/** A one-line answer without a community (private chats). */
export function plainNotice(
  title: string,
  lines: readonly string[],
  locale: string,
  tone: Notice["tone"] = "info",
): Notice {
  return { kind: "reply", tone, title, lines: lines.map((l) => [text(l)]), actions: [], locale };
}
