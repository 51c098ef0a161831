import type { Community } from "../domain/community.js";
import type { Line, Notice, PlatformName } from "../ports/platform.js";
import { typesetLabels } from "./typography.js";

/** What every builder of a community's notices shares: its zone, a language, a platform's syntax. */
export abstract class CommunityNotices {
  constructor(
    protected readonly community: Community,
    protected readonly locale: string,
    protected readonly platform: PlatformName | undefined,
  ) {}

  /** A notice in the builder's language, its labels typeset (French spaces), info by default. */
  protected notice(
    kind: Notice["kind"],
    title: string,
    lines: Line[],
    extra: Partial<Notice> = {},
  ): Notice {
    const set = typesetLabels(lines, this.locale);
    return { kind, tone: "info", title, lines: set, actions: [], locale: this.locale, ...extra };
  }
}
