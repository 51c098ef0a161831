import { describe, expect, it } from "vitest";
import { sniffImage, stripMetadata } from "../../src/domain/image.js";
import { checkPhoto, PHOTO_LIMITS, pickForAlbum } from "../../src/domain/photo.js";
import { GPS_MARK, jpeg, png, webp } from "../fakes/images.js";

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));

describe("sniffImage: the type and size from the bytes, whatever the file is called", () => {
  it.each([
    ["PNG", png(640, 480), { type: "png", width: 640, height: 480 }],
    ["JPEG", jpeg(4032, 3024), { type: "jpeg", width: 4032, height: 3024 }],
    ["WebP", webp(1600, 900), { type: "webp", width: 1600, height: 900 }],
  ])("reads a %s", (_name, bytes, info) => {
    expect(sniffImage(bytes)).toEqual(info);
  });

  it.each([
    ["text", Buffer.from("hello, I am not a picture")],
    ["a PDF", Buffer.from("%PDF-1.7\n1 0 obj")],
    ["a GIF", Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")],
    ["a JPEG cut before its frame", jpeg(10, 10).subarray(0, 30)],
    ["nothing", Buffer.alloc(0)],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffImage(bytes)).toBeNull();
  });
});

describe("stripMetadata: nothing of the phone's notes goes public", () => {
  it("a JPEG loses its GPS, comment and EXIF, keeps its orientation and its frame", () => {
    const original = jpeg(4032, 3024, 6);
    expect(has(original, GPS_MARK)).toBe(true);
    const clean = stripMetadata(original, "jpeg");
    expect(has(clean, GPS_MARK)).toBe(false);
    expect(has(clean, "taken at home")).toBe(false);
    expect(sniffImage(clean)).toEqual({ type: "jpeg", width: 4032, height: 3024 });
    // A fresh EXIF block with only the orientation (6: rotate 90°), so the photo stays upright.
    const exif = Buffer.from(clean).indexOf(Buffer.from("Exif\0\0", "latin1"));
    expect(exif).toBeGreaterThan(0);
    expect(clean[exif + 6 + 8 + 2 + 9]).toBe(6);
    // The scan data is untouched.
    expect(Buffer.from(clean).subarray(-9)).toEqual(Buffer.from(original).subarray(-9));
  });

  it("an upright JPEG keeps no EXIF at all", () => {
    const clean = stripMetadata(jpeg(100, 100, 1), "jpeg");
    expect(has(clean, "Exif")).toBe(false);
  });

  it("a PNG loses its text chunks and stays a valid PNG", () => {
    const original = png(20, 10, 1, "GPS 48.85 2.35");
    const clean = stripMetadata(original, "png");
    expect(has(clean, "GPS 48.85")).toBe(false);
    expect(sniffImage(clean)).toEqual({ type: "png", width: 20, height: 10 });
    expect(clean.length).toBeLessThan(original.length);
    expect(stripMetadata(png(20, 10, 1), "png")).toEqual(new Uint8Array(png(20, 10, 1)));
  });

  it("a WebP loses its EXIF chunk, says so in its header, and keeps a right RIFF size", () => {
    const clean = stripMetadata(webp(300, 200), "webp");
    expect(has(clean, GPS_MARK)).toBe(false);
    expect(sniffImage(clean)).toEqual({ type: "webp", width: 300, height: 200 });
    expect(Buffer.from(clean).readUInt32LE(4)).toBe(clean.length - 8);
    expect((clean[20] ?? 0) & 0x08).toBe(0);
  });
});

describe("checkPhoto: what the album takes", () => {
  it("takes a picture and strips it", () => {
    const checked = checkPhoto({ ok: true, bytes: jpeg(1280, 960) });
    expect(checked.ok && checked.value.type).toBe("jpeg");
    expect(checked.ok && has(checked.value.bytes, GPS_MARK)).toBe(false);
  });

  it.each([
    [
      "a file that is no picture",
      { ok: true as const, bytes: Buffer.from("MZ\x90\0 nope") },
      "PHOTO_NOT_AN_IMAGE",
    ],
    [
      "one too heavy",
      {
        ok: true as const,
        bytes: Buffer.concat([png(10, 10), Buffer.alloc(PHOTO_LIMITS.maxBytes)]),
      },
      "PHOTO_TOO_LARGE",
    ],
    [
      "one the platform said was too heavy",
      { ok: false as const, reason: "too_large" as const },
      "PHOTO_TOO_LARGE",
    ],
    [
      "one that could not be fetched",
      { ok: false as const, reason: "unreadable" as const },
      "PHOTO_UNREADABLE",
    ],
    ["a panorama too long", { ok: true as const, bytes: png(4200, 200) }, "PHOTO_DIMENSIONS"],
    ["a giant", { ok: true as const, bytes: jpeg(8000, 6000) }, "PHOTO_DIMENSIONS"],
  ])("refuses %s", (_name, upload, code) => {
    const checked = checkPhoto(upload);
    expect(checked.ok ? null : checked.code).toBe(code);
  });
});

describe("pickForAlbum", () => {
  it("takes everyone's first photo before anyone's second, in the order sent", () => {
    const photos = [
      { memberId: 1, number: 1 },
      { memberId: 1, number: 2 },
      { memberId: 1, number: 3 },
      { memberId: 2, number: 4 },
      { memberId: 3, number: 5 },
      { memberId: 1, number: 6 },
    ];
    expect(pickForAlbum(photos, 4).map((p) => p.number)).toEqual([1, 2, 4, 5]);
    expect(pickForAlbum(photos).map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
