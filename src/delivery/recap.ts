import { outboxKey } from "../domain/codecs/outbox-key.js";
import { IMAGE_EXTENSION, IMAGE_MIME } from "../domain/image.js";
import type { Mob } from "../domain/mob.js";
import type { NewOutboxRow } from "../domain/outbox.js";
import { pickForAlbum } from "../domain/photo.js";
import { catalog } from "../i18n/index.js";
import type { Album, Picture } from "../ports/platform.js";
import type { ChatRepository, PhotoRepository } from "../ports/repositories.js";

/**
 * The recap posted after a mob's tally: up to ten of its photos (each
 * member's first before anyone's second), numbered as organizers know them,
 * in one chat's language. Null when the album is empty.
 */
export async function recapAlbum(
  tx: PhotoRepository,
  mob: Mob,
  locale: string,
): Promise<Album | null> {
  const a = catalog(locale).after;
  const pictures: Picture[] = [];
  for (const p of pickForAlbum(await tx.photosOf(mob.id))) {
    const bytes = await tx.photoBytes(mob.id, p.number);
    if (!bytes) continue;
    pictures.push({
      bytes,
      filename: `photo-${p.number}.${IMAGE_EXTENSION[p.type]}`,
      mime: IMAGE_MIME[p.type],
      alt: a.photoAlt(p.number),
    });
  }
  return pictures.length === 0 ? null : { caption: a.recapCaption(mob.shopName), pictures, locale };
}

/**
 * When a mob's tally fans out: a recap row in each chat, if the mob has
 * photos. Each waits for the tally in its chat (the kind's `follows`).
 */
export async function recapRows(
  tx: PhotoRepository & ChatRepository,
  mob: Mob,
  now: number,
): Promise<NewOutboxRow[]> {
  if ((await tx.photosOf(mob.id)).length === 0) return [];
  return (await tx.chatsOf(mob.communityId)).map((chat) => ({
    key: outboxKey.chat(outboxKey.timeline(mob, "recap"), chat.id),
    communityId: mob.communityId,
    subject: "mob",
    subjectId: mob.id,
    kind: "recap",
    target: "chat",
    chatId: chat.id,
    dueAt: now,
    payload: { startsAt: mob.startsAt },
  }));
}
