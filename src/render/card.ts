/**
 * The mob's 1200×630 picture: the link preview on every platform, and the
 * tally post's image. Drawn by satori (layout to SVG, glyphs as paths) and
 * resvg (SVG to PNG) with a font read from node_modules, so it needs no system
 * font (the slim Docker image has none) and the same content gives the same bytes.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { SatoriOptions } from "satori";
import { compareWithUsualDay } from "../domain/mob.js";
import type { CommunityRef, MobPageView, WebLocale } from "../ports/web.js";
import { type CardStrings, cardStrings } from "./card-strings.js";
import {
  formatCount,
  formatInstantCached,
  formatMoneyCached,
  formatPercent,
  formatTimes,
} from "./intl.js";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bump when the drawing changes, so cached cards and their ETags are renewed. */
const CARD_VERSION = 2;
const TITLE_MAX = 60;

/**
 * Inter covers Latin, Greek and Cyrillic; anything else (emoji, other scripts,
 * symbols) would draw as a "no glyph" box, so it is left off the picture.
 */
const UNDRAWABLE =
  /[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]|\p{Extended_Pictographic}|\p{So}|\p{Co}|[\u200d\ufe0e\ufe0f]/gu;

/** The text as the card can draw it, spaces tidied after removals. */
export function drawable(text: string): string {
  return text.replace(UNDRAWABLE, "").replace(/\s+/g, " ").trim();
}

/** Exactly what the card shows: two views that show the same are one card. */
export interface CardContent {
  readonly locale: WebLocale;
  readonly kicker: string;
  readonly title: string;
  readonly when: string;
  readonly tone: "upcoming" | "results" | "cancelled";
  readonly headline: string;
  readonly detail: string;
  /** Progress to the goal, 0..1, drawn as a bar; null without a goal. */
  readonly progress: number | null;
  readonly badge: string | null;
}

/**
 * What the card is drawn from: the mob page's view (the web side), or the
 * same facts the dispatcher has for a tally post in a chat's language.
 */
export type CardInput = Pick<
  MobPageView,
  | "shop"
  | "startsAt"
  | "state"
  | "going"
  | "tally"
  | "goalMinor"
  | "pledgeMinor"
  | "pledgedMinor"
  | "currency"
> & { readonly community: Pick<CommunityRef, "name" | "timezone" | "locale"> };

/** What the card shows for a mob, in the community's language; a secret shop stays secret. */
export function cardContent(view: CardInput): CardContent {
  const locale = view.community.locale;
  const s = cardStrings[locale];
  const cash = (minor: number) => formatMoneyCached(minor, view.currency, locale);
  const shop = drawable(view.shop?.name ?? s.secretShop) || s.kicker;
  const chars = [...shop];
  const title =
    chars.length > TITLE_MAX
      ? `${chars
          .slice(0, TITLE_MAX - 1)
          .join("")
          .trimEnd()}…`
      : shop;
  const when = formatInstantCached(
    view.startsAt,
    view.community.timezone,
    locale,
    "cccc d LLLL yyyy · HH:mm",
  );
  const kicker = [s.kicker, drawable(view.community.name)].filter(Boolean).join(" · ");
  const base = { locale, kicker, title, when };
  if (view.state === "cancelled") {
    return {
      ...base,
      tone: "cancelled",
      headline: s.cancelled,
      detail: s.going(formatCount(view.going, locale)),
      progress: null,
      badge: null,
    };
  }
  if (view.tally) {
    const t = view.tally;
    const badges = [
      t.goalRatio === null ? null : s.ofGoal(formatPercent(t.goalRatio, locale)),
      t.vsUsualDay === null ? null : usualDay(s, t.vsUsualDay, locale),
    ].filter((b): b is string => b !== null);
    return {
      ...base,
      tone: "results",
      headline: s.mobbers(formatCount(t.mobbers, locale)),
      detail: s.spent(cash(t.totalMinor), t.averageMinor === null ? null : cash(t.averageMinor)),
      progress: t.goalRatio === null ? null : Math.min(1, t.goalRatio),
      badge: badges.length > 0 ? badges.join(" · ") : null,
    };
  }
  const goal = view.goalMinor;
  return {
    ...base,
    tone: "upcoming",
    headline: s.going(formatCount(view.going, locale)),
    detail:
      goal === null
        ? s.pledgeEach(cash(view.pledgeMinor))
        : s.pledgedOfGoal(cash(view.pledgedMinor), cash(goal)),
    progress: goal === null || goal <= 0 ? null : Math.min(1, view.pledgedMinor / goal),
    badge: view.state === "ended" ? s.resultsSoon : null,
  };
}

/** The card in words, for those who cannot see it (alt text, an attachment's description). */
export function cardAlt(c: CardContent): string {
  return [`${c.title}, ${c.when}`, c.headline, c.detail, c.badge]
    .filter((p): p is string => p !== null && p !== "")
    .join(" · ");
}

/** A strong ETag-ready key: same content, same key; any visible change, a new one. */
export function cardKey(content: CardContent): string {
  return createHash("sha256")
    .update(JSON.stringify({ v: CARD_VERSION, ...content }))
    .digest("base64url")
    .slice(0, 27);
}

let fonts: SatoriOptions["fonts"] | undefined;

const SUBSETS = [
  "latin",
  "latin-ext",
  "greek",
  "greek-ext",
  "cyrillic",
  "cyrillic-ext",
  "vietnamese",
] as const;

/** Inter in every subset @fontsource ships (270 KB), as WOFF: satori reads no WOFF2. */
function loadFonts(): SatoriOptions["fonts"] {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const file = (name: string) => readFileSync(require.resolve(`@fontsource/inter/files/${name}`));
  fonts = SUBSETS.flatMap((subset) =>
    ([400, 700] as const).map((weight) => ({
      name: "Inter",
      data: file(`inter-${subset}-${weight}-normal.woff`),
      weight,
      style: "normal" as const,
    })),
  );
  return fonts;
}

type Style = Record<string, string | number>;
interface Node {
  type: string;
  props: { style: Style; children?: string | Node | (Node | null)[] };
}
const box = (style: Style, children?: Node["props"]["children"]): Node => ({
  type: "div",
  props: { style: { display: "flex", ...style }, ...(children === undefined ? {} : { children }) },
});

const TONES = {
  upcoming: { background: "#17524a", accent: "#ffd166" },
  results: { background: "#4a2580", accent: "#ffd166" },
  cancelled: { background: "#4a4a4a", accent: "#ff8a80" },
} as const;

/** Long names get a smaller size, so two lines always hold the 60 characters kept. */
const titleSize = (title: string) => (title.length <= 22 ? 80 : title.length <= 36 ? 64 : 50);

function layout(c: CardContent): Node {
  const tone = TONES[c.tone];
  const bar =
    c.progress === null
      ? null
      : box(
          {
            width: "100%",
            height: 20,
            marginTop: 20,
            borderRadius: 10,
            backgroundColor: "rgba(255,255,255,0.25)",
          },
          [
            box({
              width: `${Math.round(c.progress * 1000) / 10}%`,
              height: 20,
              borderRadius: 10,
              backgroundColor: tone.accent,
            }),
          ],
        );
  // satori sizes boxes without their padding, so the margin sits on an inner box.
  return box(
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      color: "#ffffff",
      fontFamily: "Inter",
      // A flat colour: a gradient made the PNG three times bigger for little gain.
      backgroundColor: tone.background,
    },
    [
      box({ flexGrow: 1, flexDirection: "column", margin: "56px 72px" }, [
        box({ fontSize: 28, fontWeight: 700, letterSpacing: 2, color: tone.accent }, c.kicker),
        box(
          { fontSize: titleSize(c.title), fontWeight: 700, lineHeight: 1.1, marginTop: 16 },
          c.title,
        ),
        box({ fontSize: 34, marginTop: 16, opacity: 0.9 }, c.when),
        box({ flexGrow: 1 }),
        box({ fontSize: 60, fontWeight: 700, lineHeight: 1.1 }, c.headline),
        box({ fontSize: 32, marginTop: 6, opacity: 0.9 }, c.detail),
        c.badge === null
          ? null
          : box({ fontSize: 28, fontWeight: 700, marginTop: 6, color: tone.accent }, c.badge),
        bar,
      ]),
    ],
  );
}

/** Draws the card as a PNG. Tens of milliseconds of CPU: callers cache it (see CardCache). */
export async function drawCard(content: CardContent): Promise<Uint8Array> {
  // Loaded on the first card, not at start-up: the layout engine and the rasterizer weigh
  // tens of megabytes, and a bot that never draws a card should not carry them.
  const [{ default: satori }, { Resvg }] = await Promise.all([
    import("satori"),
    import("@resvg/resvg-js"),
  ]);
  const svg = await satori(layout(content) as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: loadFonts(),
  });
  const png = new Resvg(svg, {
    fitTo: { mode: "original" },
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

function usualDay(s: CardStrings, ratio: number, locale: string): string {
  const compared = compareWithUsualDay(ratio);
  return compared.kind === "share"
    ? s.shareOfUsualDay(formatPercent(compared.percent / 100, locale))
    : s.usualDay(formatTimes(compared.times, locale));
}
