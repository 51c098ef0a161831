/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { WebStrings } from "../strings/index.js";
import { CSS } from "./style.js";

/** The page shell: every text child is escaped by hono/jsx; only the constant CSS is raw. */
export function Layout(props: {
  readonly s: WebStrings;
  readonly title: string;
  readonly head?: Child;
  /** Pages that explain cash mobs in their body leave the footer's explanation out. */
  readonly explain?: boolean;
  readonly children: Child;
}) {
  return (
    <html lang={props.s.htmlLang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {props.head}
        {/* Raw on purpose: a constant stylesheet, allowed by its hash in the CSP. */}
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <main>{props.children}</main>
        {props.explain === false ? null : (
          <footer>
            <p>
              <strong>{props.s.whatIsTitle}</strong> {props.s.whatIs}
            </p>
          </footer>
        )}
      </body>
    </html>
  );
}

/** A public page's description, canonical address, calendar feed and Open Graph basics. */
export function PageMeta(props: {
  readonly s: WebStrings;
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly calendar: string;
}) {
  return (
    <>
      <meta name="description" content={props.description} />
      <link rel="canonical" href={props.url} />
      <link rel="alternate" type="text/calendar" href={props.calendar} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={props.s.siteName} />
      <meta property="og:locale" content={props.s.ogLocale} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={props.url} />
    </>
  );
}

/** Serializes a page with its doctype. */
export async function renderPage(page: Child): Promise<string> {
  return `<!doctype html>${await page?.toString()}`;
}
