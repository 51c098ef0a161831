import { Resvg } from "@resvg/resvg-js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { QR_MIN_PIXELS, QR_QUIET_ZONE, qrPng, qrSvg } from "../../src/render/qr.js";
import { checkinUrls } from "../../src/web/links.js";
import { scanQr as scan } from "../fakes/qr-scan.js";

const urls = checkinUrls({
  id: 123_456,
  publicId: "Xk29fQ",
  checkinCode: "K7QX2M",
  botUsername: "cashmob_community_bot",
  publicUrl: "https://mobs.example.org",
});

describe("the check-in QR code", () => {
  it.each([
    ["the Telegram deep link", urls.telegram],
    ["the web page", urls.web],
  ])("a PNG that scans back to exactly %s", (_name, url) => {
    expect(url).not.toBeNull();
    expect(scan(qrPng(url as string))).toBe(url);
  });

  it("is large and opaque, with a 4-module white quiet zone, for a phone to read off a screen", () => {
    const image = PNG.sync.read(qrPng(urls.telegram as string));
    expect(image.width).toBe(image.height);
    expect(image.width).toBeGreaterThanOrEqual(QR_MIN_PIXELS);
    const alphas = image.data.filter((_, i) => i % 4 === 3);
    expect(alphas.every((a) => a === 255)).toBe(true);
    const dark = (x: number, y: number) => (image.data[(y * image.width + x) * 4] ?? 255) < 128;
    let quiet = 0;
    while (!dark(quiet, quiet)) quiet++;
    // The top-left finder pattern begins with a dark run of 7 modules.
    let run = 0;
    while (dark(quiet + run, quiet)) run++;
    expect(run % 7).toBe(0);
    expect(quiet / (run / 7)).toBe(QR_QUIET_ZONE);
  });

  it("an SVG that scans back to exactly the URL once drawn", () => {
    const url = urls.telegram as string;
    const png = new Resvg(qrSvg(url), { fitTo: { mode: "width", value: 400 } }).render().asPng();
    expect(scan(png)).toBe(url);
  });
});
