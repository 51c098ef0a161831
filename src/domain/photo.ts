import { fail, ok, type Result } from "./errors.js";
import { type ImageInfo, type ImageType, sniffImage, stripMetadata } from "./image.js";
import { endsAt, type Mob, stateAt } from "./mob.js";

/**
 * What a mob's album takes. The byte limit sits under what both platforms
 * accept for a photo (Telegram 10 MB, Discord 8 MiB on a server without
 * boosts), so any photo kept can go into the recap album as it is.
 */
export const PHOTO_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  perMember: 5,
  perMob: 30,
  /** Telegram: width + height at most 10,000 pixels, and a ratio of at most 20. */
  maxSides: 10_000,
  maxRatio: 20,
  /** One album (Telegram sendMediaGroup, one Discord message) holds ten pictures. */
  album: 10,
} as const;

/** "5 MB", for sentences. */
export const PHOTO_MAX_SHOWN = `${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`;

/** A photo as the adapter fetched it, or why it could not. */
export type PhotoUpload =
  | { readonly ok: true; readonly bytes: Uint8Array }
  /** Not fetched: the platform said it is larger than {@link PHOTO_LIMITS.maxBytes}. */
  | { readonly ok: false; readonly reason: "too_large" }
  /** The download failed (the file is gone, the network broke). */
  | { readonly ok: false; readonly reason: "unreadable" };

export interface CheckedPhoto extends ImageInfo {
  /** Without its metadata (see stripMetadata). */
  readonly bytes: Uint8Array;
}

/** Photos are taken from the start until the tally. */
export function photosOpen(
  mob: Pick<Mob, "status" | "startsAt" | "durationMs">,
  tallyDelayMs: number,
  now: number,
): boolean {
  const state = stateAt(mob, now);
  return (state === "live" || state === "ended") && now < endsAt(mob) + tallyDelayMs;
}

/** The bytes are a picture the album can hold: type by content, size, dimensions. */
export function checkPhoto(upload: PhotoUpload): Result<CheckedPhoto> {
  if (!upload.ok)
    return upload.reason === "too_large"
      ? fail("PHOTO_TOO_LARGE", undefined, { max: PHOTO_MAX_SHOWN })
      : fail("PHOTO_UNREADABLE");
  if (upload.bytes.length > PHOTO_LIMITS.maxBytes)
    return fail("PHOTO_TOO_LARGE", undefined, { max: PHOTO_MAX_SHOWN });
  const info = sniffImage(upload.bytes);
  if (!info) return fail("PHOTO_NOT_AN_IMAGE");
  const { width, height } = info;
  if (
    width + height > PHOTO_LIMITS.maxSides ||
    Math.max(width, height) / Math.min(width, height) > PHOTO_LIMITS.maxRatio
  )
    return fail("PHOTO_DIMENSIONS");
  return ok({ ...info, bytes: stripMetadata(upload.bytes, info.type) });
}

/**
 * Up to `size` photos for the recap album, taking each member's first before
 * anyone's second, so one keen photographer does not fill it alone; in the
 * order they were sent.
 */
export function pickForAlbum<T extends { readonly memberId: number; readonly number: number }>(
  photos: readonly T[],
  size: number = PHOTO_LIMITS.album,
): T[] {
  const rank = new Map<number, number>();
  const ranked = [...photos]
    .sort((a, b) => a.number - b.number)
    .map((p) => {
      const r = rank.get(p.memberId) ?? 0;
      rank.set(p.memberId, r + 1);
      return { p, r };
    });
  return ranked
    .sort((a, b) => a.r - b.r || a.p.number - b.p.number)
    .slice(0, size)
    .map(({ p }) => p)
    .sort((a, b) => a.number - b.number);
}

/** A photo of a mob's album, without its bytes. */
export interface PhotoMeta {
  readonly mobId: number;
  /** The mob's own numbering (1, 2, …), never reused. */
  readonly number: number;
  readonly memberId: number;
  readonly type: ImageType;
  readonly width: number;
  readonly height: number;
  readonly size: number;
  readonly createdAt: number;
}

export interface NewPhoto {
  readonly mobId: number;
  readonly memberId: number;
  readonly type: ImageType;
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
  /** Of the bytes, hex: the same picture twice is one photo. */
  readonly sha256: string;
  readonly now: number;
}
