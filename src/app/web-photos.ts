import { IMAGE_MIME } from "../domain/image.js";
import type { PhotoRepository } from "../ports/store.js";
import type { PhotoFile, PhotoView } from "../ports/web.js";

/**
 * A mob's album as the web port gives it to the mob page: numbers and sizes,
 * never who sent a photo. For the core's WebPort (`mobPage().photos`).
 */
export function mobPhotoViews(store: PhotoRepository, mobId: number): PhotoView[] {
  return store.photosOf(mobId).map(({ number, width, height }) => ({ number, width, height }));
}

/** One photo's bytes (metadata stripped when it was taken) and type, for `WebPort.mobPhoto`. */
export function mobPhotoFile(
  store: PhotoRepository,
  mobId: number,
  number: number,
): PhotoFile | null {
  const meta = store.getPhoto(mobId, number);
  const bytes = meta ? store.photoBytes(mobId, number) : null;
  return meta && bytes ? { bytes, contentType: IMAGE_MIME[meta.type] } : null;
}
