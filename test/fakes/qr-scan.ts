import jsqr from "jsqr";
import { PNG } from "pngjs";

/** jsQR is CommonJS whose types declare a default export; its function is both. */
const jsQR = jsqr.default;

/** What a phone's scanner reads in a PNG (dark modules on light only, as many read), or null. */
export function scanQr(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(pixels, image.width, image.height, { inversionAttempts: "dontInvert" })?.data ?? null;
}
