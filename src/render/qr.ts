import { correction, generate } from "lean-qr";
import { toPngBuffer } from "lean-qr/extras/node_export";
import { toSvgSource } from "lean-qr/extras/svg";

/**
 * QR pictures of a link, for a phone to scan off another screen (a check-in
 * code shown by the organizer at the shop):
 * - error correction M at least (15% of the modules may be lost to glare,
 *   moiré or a chat's JPEG recompression); the library raises it when the
 *   same size has room;
 * - the quiet zone ISO 18004 asks for: 4 light modules on every side;
 * - opaque black on white: dark themes would turn a transparent background
 *   dark, and most scanners do not read light-on-dark codes;
 * - at least ~360 px wide, whole pixels per module, so chat apps that
 *   shrink or recompress photos keep every module sharp.
 */

/** Light modules around the code, as ISO 18004 requires. */
export const QR_QUIET_ZONE = 4;
/** The PNG is at least this wide; whole pixels per module keep edges crisp. */
export const QR_MIN_PIXELS = 360;

const BLACK = [0, 0, 0, 255] as const;
const WHITE = [255, 255, 255, 255] as const;

const encode = (text: string) => generate(text, { minCorrectionLevel: correction.M });

/** A PNG of the QR code for `text` (a URL of a few dozen characters gives ~370 px). */
export function qrPng(text: string): Buffer {
  const code = encode(text);
  const modules = code.size + 2 * QR_QUIET_ZONE;
  const scale = Math.ceil(QR_MIN_PIXELS / modules);
  return Buffer.from(toPngBuffer(code, { on: BLACK, off: WHITE, pad: QR_QUIET_ZONE, scale }));
}

/** The same code as a standalone SVG document (scales to any size on a web page). */
export function qrSvg(text: string): string {
  return toSvgSource(encode(text), {
    on: "#000",
    off: "#fff",
    pad: QR_QUIET_ZONE,
    width: QR_MIN_PIXELS,
    height: QR_MIN_PIXELS,
    xmlDeclaration: true,
  });
}
