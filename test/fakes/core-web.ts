import { answerFromMerchantLink } from "../../src/app/merchant.js";
import { CoreWebPort, type WebViewDeps } from "../../src/app/web-views.js";
import type { Harness } from "./core-harness.js";

/** The web port on a harness's real storage, as main.ts builds it; `over` replaces any part. */
export function coreWebPort(h: Harness, over: Partial<WebViewDeps> = {}): CoreWebPort {
  return new CoreWebPort({
    uow: h.uow,
    settings: h.core.settings,
    joinLink: () => null,
    platforms: () => ({}),
    recordMerchantAnswer: (input) => h.uow.run((tx) => answerFromMerchantLink(tx, input)),
    ...over,
  });
}
