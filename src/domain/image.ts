/**
 * Pictures as bytes: what a file really is (by its first bytes, never by its
 * name or the type a client claims), its size in pixels, and the same picture
 * without the metadata a phone writes into it (GPS position, camera serial,
 * an uncropped thumbnail) before it goes on a public page or into a chat.
 * Pure: no I/O, no image decoding.
 */

export type ImageType = "jpeg" | "png" | "webp";

export interface ImageInfo {
  readonly type: ImageType;
  readonly width: number;
  readonly height: number;
}

export const IMAGE_MIME: Readonly<Record<ImageType, string>> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

export const IMAGE_EXTENSION: Readonly<Record<ImageType, string>> = {
  jpeg: "jpg",
  png: "png",
  webp: "webp",
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (b: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...b.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => ((u16be(b, at) << 16) >>> 0) + u16be(b, at + 2);
const u32le = (b: Uint8Array, at: number) => (u16le(b, at) + u16le(b, at + 2) * 65_536) >>> 0;

/** The picture's type and size, or null when the bytes are no JPEG, PNG or WebP we can read. */
export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  const info = PNG_SIGNATURE.every((v, i) => bytes[i] === v)
    ? pngInfo(bytes)
    : bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
      ? jpegInfo(bytes)
      : ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP"
        ? webpInfo(bytes)
        : null;
  return info && info.width > 0 && info.height > 0 ? info : null;
}

function pngInfo(b: Uint8Array): ImageInfo | null {
  if (b.length < 24 || ascii(b, 12, 4) !== "IHDR") return null;
  return { type: "png", width: u32be(b, 16), height: u32be(b, 20) };
}

/** Start-of-frame markers: they carry the size (C4, C8 and CC are other things). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegInfo(b: Uint8Array): ImageInfo | null {
  for (const seg of jpegSegments(b)) {
    if (isSof(seg.marker) && seg.end - seg.start >= 9) {
      return { type: "jpeg", height: u16be(b, seg.start + 5), width: u16be(b, seg.start + 7) };
    }
    if (seg.marker === 0xda) break;
  }
  return null;
}

function webpInfo(b: Uint8Array): ImageInfo | null {
  const first = ascii(b, 12, 4);
  const data = 20;
  if (first === "VP8 " && b[data + 3] === 0x9d && b[data + 4] === 0x01 && b[data + 5] === 0x2a)
    return {
      type: "webp",
      width: u16le(b, data + 6) & 0x3fff,
      height: u16le(b, data + 8) & 0x3fff,
    };
  if (first === "VP8L" && b[data] === 0x2f) {
    const bits = u32le(b, data + 1);
    return { type: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (first === "VP8X")
    return { type: "webp", width: u24le(b, data + 4) + 1, height: u24le(b, data + 7) + 1 };
  return null;
}

interface Segment {
  readonly marker: number;
  /** Where the marker's two bytes start. */
  readonly start: number;
  /** One past the segment's last byte (for the scan, the end of the file). */
  readonly end: number;
}

/** A JPEG's segments up to and including the start of scan (whose data runs to the end). */
function* jpegSegments(b: Uint8Array): Generator<Segment> {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      yield { marker, start: at, end: at + 2 };
      at += 2;
      continue;
    }
    const end = at + 2 + u16be(b, at + 2);
    if (end > b.length) return;
    if (marker === 0xda) {
      yield { marker, start: at, end: b.length };
      return;
    }
    yield { marker, start: at, end };
    at = end;
  }
}

/**
 * The same picture without its metadata: JPEG keeps only the EXIF orientation
 * (so a phone photo stays upright), PNG loses its text and EXIF chunks, WebP
 * its EXIF and XMP chunks. Pixels are untouched. Unreadable input comes back as is.
 */
export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  switch (type) {
    case "jpeg":
      return stripJpeg(bytes);
    case "png":
      return stripPng(bytes);
    case "webp":
      return stripWebp(bytes);
  }
}

/** APP1 (EXIF, XMP), APP13 (IPTC) and comments go; JFIF, ICC colour profiles and Adobe stay. */
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);

function stripJpeg(b: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let scanned = false;
  for (const seg of jpegSegments(b)) {
    if (seg.marker === 0xda) scanned = true;
    if (JPEG_DROPPED.has(seg.marker)) {
      orientation ??= exifOrientation(b.subarray(seg.start + 4, seg.end));
      continue;
    }
    kept.push(b.subarray(seg.start, seg.end));
  }
  if (!scanned) return b;
  if (orientation !== null && orientation !== 1) kept.splice(1, 0, orientationApp1(orientation));
  return concat(kept);
}

/** The Orientation tag (0x0112) of IFD0 in an APP1 EXIF payload, or null. */
function exifOrientation(payload: Uint8Array): number | null {
  if (ascii(payload, 0, 6) !== "Exif\0\0") return null;
  const tiff = payload.subarray(6);
  const little = ascii(tiff, 0, 2) === "II";
  if (!little && ascii(tiff, 0, 2) !== "MM") return null;
  const u16 = (at: number) => (little ? u16le(tiff, at) : u16be(tiff, at));
  const u32 = (at: number) => (little ? u32le(tiff, at) : u32be(tiff, at));
  const ifd = u32(4);
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** A minimal APP1 EXIF segment holding only the orientation. */
function orientationApp1(orientation: number): Uint8Array {
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // big-endian header, IFD0 at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation, SHORT, 1
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ];
  const payload = [...new TextEncoder().encode("Exif\0\0"), ...tiff];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

const PNG_DROPPED = new Set(["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]);

function stripPng(b: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [b.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= b.length) {
    const end = at + 12 + u32be(b, at);
    if (end > b.length) return b;
    const type = ascii(b, at + 4, 4);
    if (!PNG_DROPPED.has(type)) kept.push(b.subarray(at, end));
    at = end;
    if (type === "IEND") break;
  }
  return concat(kept);
}

function stripWebp(b: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= b.length) {
    const size = u32le(b, at + 4);
    const end = Math.min(b.length, at + 8 + size + (size % 2));
    const type = ascii(b, at, 4);
    if (type === "VP8X") {
      const chunk = Uint8Array.from(b.subarray(at, end));
      // Say there is no EXIF (bit 3) nor XMP (bit 2) any more.
      chunk[8] = (chunk[8] ?? 0) & ~0x0c;
      kept.push(chunk);
    } else if (type !== "EXIF" && type !== "XMP ") {
      kept.push(b.subarray(at, end));
    }
    at = end;
  }
  const body = concat(kept);
  const header = Uint8Array.from(b.subarray(0, 12));
  const riffSize = body.length + 4;
  header.set(
    [riffSize & 0xff, (riffSize >> 8) & 0xff, (riffSize >> 16) & 0xff, riffSize >>> 24],
    4,
  );
  return concat([header, body]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
