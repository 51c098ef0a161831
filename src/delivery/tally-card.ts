import type { Community } from "../domain/community.js";
import type { Mob, Tally } from "../domain/mob.js";
import { supportedLocale } from "../i18n/index.js";
import type { Picture } from "../ports/platform.js";
import { type CardInput, cardAlt, cardContent, cardKey, drawCard } from "../render/card.js";

/** Cards kept: a tally goes out in a few languages at once, then is not drawn again. */
const KEPT = 16;

/**
 * The card in its after-the-mob form: shop, mobbers, total, average, against
 * the goal, and against a usual day only when the merchant agreed to publish
 * it. The same picture as the mob page's preview once it is tallied.
 */
export function tallyCardInput(
  mob: Mob,
  community: Community,
  tally: Tally,
  locale: string,
): CardInput {
  return {
    community: {
      name: community.name,
      timezone: community.timezone,
      locale: supportedLocale(locale) ?? "en",
    },
    shop: { name: mob.shopName, address: mob.address },
    startsAt: mob.startsAt,
    state: "tallied",
    going: tally.going,
    tally: {
      mobbers: tally.mobbers,
      totalMinor: tally.totalMinor,
      averageMinor: tally.averageMinor,
      goalRatio: tally.goalRatio,
      vsUsualDay: mob.takingsPublic ? tally.takingsRatio : null,
    },
    goalMinor: mob.goalMinor,
    pledgeMinor: mob.pledgeMinor,
    pledgedMinor: tally.pledgedMinor,
    currency: mob.currency,
  };
}

/**
 * Draws tally cards for chat posts (about 50 ms of CPU each), once per
 * content: the chats of one language share a drawing, and posts being sent
 * at the same moment share the one in progress.
 */
export class TallyCards {
  readonly #drawn = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly draw: (input: CardInput) => Promise<Uint8Array> = defaultDraw) {}

  async picture(input: CardInput): Promise<Picture> {
    const content = cardContent(input);
    const key = cardKey(content);
    let png = this.#drawn.get(key);
    if (!png) {
      png = this.draw(input);
      this.#drawn.set(key, png);
      // A failed drawing is not kept: the next post tries again.
      png.catch(() => this.#drawn.delete(key));
      if (this.#drawn.size > KEPT) {
        const oldest = this.#drawn.keys().next().value;
        if (oldest !== undefined) this.#drawn.delete(oldest);
      }
    }
    return { bytes: await png, filename: "card.png", mime: "image/png", alt: cardAlt(content) };
  }
}

const defaultDraw = (input: CardInput) => drawCard(cardContent(input));
