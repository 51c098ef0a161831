import { createHash } from "node:crypto";

/**
 * The pages' only stylesheet, inline so a page renders offline and whole on a
 * phone's first load. Mobile first; wider screens just get a centred column.
 */
export const CSS = `
:root{color-scheme:light dark;--bg:#f6f4ef;--fg:#1c1c1c;--muted:#5f5f5f;--card:#fff;--line:#e3dfd6;--brand:#1f6f5c;--brand-fg:#fff;--accent:#b7791f;--warn:#a61b1b}
@media (prefers-color-scheme:dark){:root{--bg:#141414;--fg:#ececec;--muted:#a9a9a9;--card:#1f1f1f;--line:#333;--brand:#3aa888;--brand-fg:#0b1f19;--accent:#e0a64a;--warn:#ff8a80}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
main{max-width:40rem;margin:0 auto;padding:1.25rem 1rem 2rem}
header p{margin:0;color:var(--muted);font-size:.95rem}
header a{color:inherit}
h1{font-size:1.9rem;line-height:1.2;margin:.25rem 0 .5rem}
h2{font-size:1.2rem;margin:0 0 .5rem}
section{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:1rem 1.1rem;margin:1rem 0}
.badge{display:inline-block;border-radius:999px;padding:.15rem .7rem;font-size:.85rem;font-weight:600;background:var(--brand);color:var(--brand-fg)}
.badge.cancelled{background:var(--warn)}
.notice{border-color:var(--warn)}
dl{margin:0;display:grid;grid-template-columns:1fr;gap:.1rem}
dt{font-size:.85rem;color:var(--muted);margin-top:.5rem}
dd{margin:0}
.muted{color:var(--muted)}
.counts{font-size:1.35rem;font-weight:700;margin:0}
progress{width:100%;height:.9rem;accent-color:var(--accent)}
.actions{display:flex;flex-direction:column;gap:.6rem}
.button{display:block;text-align:center;padding:.8rem 1rem;border-radius:10px;background:var(--brand);color:var(--brand-fg);font-weight:600;text-decoration:none;border:0;font-size:1rem;width:100%;cursor:pointer}
.button.secondary{background:transparent;color:var(--fg);border:1px solid var(--line)}
.stats{display:grid;grid-template-columns:repeat(2,1fr);gap:.75rem}
.stats div{font-size:1.4rem;font-weight:700}
.stats span{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}
.photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.5rem}
.photos img{display:block;width:100%;height:auto;border-radius:8px}
ul.mobs{list-style:none;margin:0;padding:0}
ul.mobs li{padding:.6rem 0;border-top:1px solid var(--line)}
ul.mobs li:first-child{border-top:0}
s{color:var(--muted)}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:600;margin-bottom:.4rem}
label.choice{display:flex;gap:.6rem;align-items:center;padding:.7rem .8rem;border:1px solid var(--line);border-radius:10px;margin:.4rem 0}
label.field{display:block;font-weight:600;margin:.8rem 0 .3rem}
textarea,input[type=text]{width:100%;font:inherit;padding:.6rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg)}
textarea{min-height:6rem}
.error{color:var(--warn);font-weight:600}
footer{max-width:40rem;margin:0 auto;padding:0 1rem 2rem;color:var(--muted);font-size:.9rem}
a{color:var(--brand)}
@media (min-width:40rem){h1{font-size:2.4rem}.actions{flex-direction:row;flex-wrap:wrap}.actions .button{width:auto}}
`.trim();

/** CSP source for exactly this stylesheet: no 'unsafe-inline' needed. */
export const CSS_HASH = `'sha256-${createHash("sha256").update(CSS).digest("base64")}'`;

/** A coin, as the favicon, so browsers do not ask for a missing /favicon.ico. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#1f6f5c"/><circle cx="32" cy="32" r="21" fill="none" stroke="#ffd166" stroke-width="5"/></svg>`;
