import { IMAGE_MIME } from "../domain/image.js";
import type { PhotoRepository } from "../ports/repositories.js";
import type { PhotoFile, PhotoView } from "../ports/web.js";

/**
 * A mob's album as the web port gives it to the mob page: numbers and sizes,
 * never who sent a photo. For the core's WebPort (`mobPage().photos`).
 */
export async function mobPhotoViews(tx: PhotoRepository, mobId: number): Promise<PhotoView[]> {
  return (await tx.photosOf(mobId)).map(({ number, width, height }) => ({ number, width, height }));
}

/** One photo's bytes (metadata stripped when it was taken) and type, for `WebPort.mobPhoto`. */
export async function mobPhotoFile(
  tx: PhotoRepository,
  mobId: number,
  number: number,
): Promise<PhotoFile | null> {
  const meta = await tx.getPhoto(mobId, number);
  const bytes = meta ? await tx.photoBytes(mobId, number) : null;
  return meta && bytes ? { bytes, contentType: IMAGE_MIME[meta.type] } : null;
}
