import { IMAGE_EXTENSION, IMAGE_MIME } from "../domain/image.js";
import type { Mob } from "../domain/mob.js";
import { pickForAlbum } from "../domain/photo.js";
import { catalog } from "../i18n/index.js";
import type { Album } from "../ports/platform.js";
import type { NewOutboxRow, PhotoRepository, Store } from "../ports/store.js";

/**
 * The recap posted after a mob's tally: up to ten of its photos (each
 * member's first before anyone's second), numbered as organizers know them,
 * in one chat's language. Null when the album is empty.
 */
export function recapAlbum(store: PhotoRepository, mob: Mob, locale: string): Album | null {
  const a = catalog(locale).after;
  const pictures = pickForAlbum(store.photosOf(mob.id)).flatMap((p) => {
    const bytes = store.photoBytes(mob.id, p.number);
    return bytes
      ? [
          {
            bytes,
            filename: `photo-${p.number}.${IMAGE_EXTENSION[p.type]}`,
            mime: IMAGE_MIME[p.type],
            alt: a.photoAlt(p.number),
          },
        ]
      : [];
  });
  return pictures.length === 0 ? null : { caption: a.recapCaption(mob.shopName), pictures, locale };
}

/**
 * When a mob's tally fans out: a recap row in each chat, if the mob has
 * photos. Each waits for the tally in its chat (the kind's `follows`).
 */
export function recapRows(store: Store, mob: Mob, now: number): NewOutboxRow[] {
  if (store.photosOf(mob.id).length === 0) return [];
  return store.chatsOf(mob.communityId).map((chat) => ({
    key: `mob:${mob.id}@${mob.startsAt}:recap:chat:${chat.id}`,
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
