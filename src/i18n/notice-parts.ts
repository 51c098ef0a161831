import type { Member } from "../domain/community.js";
import type { MemberAddress } from "../ports/platform.js";

export const memberAddress = (m: Member): MemberAddress => ({
  platform: m.platform,
  userId: m.userId,
  displayName: m.displayName,
  ...(m.dmChannel === null ? {} : { dmChannel: m.dmChannel }),
});

export const text = (t: string) => ({ kind: "text", text: t }) as const;
export const bold = (t: string) => ({ kind: "bold", text: t }) as const;

export function mapLink(address: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}
