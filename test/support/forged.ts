/**
 * `text` with its last character changed to another one, so it is certainly not the original
 * (a signature or a secret one character off). Replacing the last character with a fixed one
 * fails to forge anything whenever the original already ends with it: 1 run in 16 to 256.
 */
export function changeLast(text: string): string {
  if (text === "") throw new Error("nothing to change in an empty string");
  const last = text.at(-1);
  return `${text.slice(0, -1)}${last === "0" ? "1" : "0"}`;
}
