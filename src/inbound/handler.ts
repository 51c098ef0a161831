import { resolveContext } from "../app/context.js";
import { exposedOnFailure } from "../app/exposed.js";
import { openMobsOf } from "../app/open-mobs.js";
import type { DomainError } from "../domain/errors.js";
import { catalog, errorSentence } from "../i18n/index.js";
import { errorNotice } from "../i18n/notices.js";
import type { Clock } from "../ports/clock.js";
import type { Actor, Command, CommandHandler, Reply } from "../ports/inbound.js";
import type { Logger } from "../ports/logger.js";
import type { PlatformName } from "../ports/platform.js";
import { fatalStorageFailure } from "../ports/storage-errors.js";
import { presentExposed } from "../presenters/exposed.js";
import { type CommandDeps, runCommand } from "./commands.js";

export { actionToCommand } from "../app/action-ids.js";

/** The core as adapters see it: one entry point for commands and button presses. */
export class CoreHandler implements CommandHandler {
  constructor(
    private readonly deps: CommandDeps & {
      readonly clock: Clock;
      readonly logger: Logger;
      onChange(): void;
      /** Storage is unusable (disk full, read-only, corrupt): the process must stop. */
      onFatal(reason: string, error: unknown): void;
    },
  ) {}

  async handle(actor: Actor, command: Command, eventId?: string): Promise<Reply> {
    let locale = this.deps.settings.defaultLocale;
    const { uow, clock, metrics } = this.deps;
    const started = performance.now();
    try {
      // One unit of work: the member, the command's writes and the event's "handled" mark
      // land together, so a redelivered event is either new or fully done.
      const reply = await uow.run(async (tx): Promise<Reply> => {
        const now = clock.now();
        if (eventId !== undefined && !(await tx.markHandled(`${actor.platform}:${eventId}`, now))) {
          return { duplicate: true, audience: "personal", notice: errorNotice("", locale) };
        }
        const ctx = await resolveContext(tx, actor, this.deps.settings, now);
        locale = ctx.locale;
        const outcome = await runCommand(tx, this.deps, ctx, command);
        if (outcome.ok) return outcome.value;
        return {
          audience: "personal",
          notice: errorNotice(
            errorSentence(outcome as DomainError, ctx.locale, actor.platform),
            ctx.locale,
          ),
          // Refused or not, the command as typed may show what only organizers may see.
          ...presentExposed(ctx, await exposedOnFailure(tx, this.deps, ctx, command)),
        };
      });
      this.deps.onChange();
      metrics.commandDuration(command.type, (performance.now() - started) / 1000);
      return reply;
    } catch (error) {
      this.deps.logger.error(
        { err: error, command: command.type, platform: actor.platform },
        "command failed",
      );
      const fatal = fatalStorageFailure(error);
      if (fatal) this.deps.onFatal(fatal, error);
      return { audience: "personal", notice: errorNotice(catalog(locale).t.bug, locale) };
    }
  }

  openMobs(
    platform: PlatformName,
    spaceId: string,
    chatId: string = spaceId,
    isOrganizer = false,
  ): Promise<{ id: number; label: string }[]> {
    return this.deps.uow.run(async (tx) => {
      const where = { platform, spaceId, chatId, isOrganizer };
      const mobs = await openMobsOf(tx, this.deps, where, this.deps.clock.now());
      return mobs.map(({ mob, state, shop }) => ({
        id: mob.id,
        label: `#${mob.id} ${shop ?? "?"} (${state})`,
      }));
    });
  }
}
