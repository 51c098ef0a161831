/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { WebStrings } from "../strings/index.js";
import { Layout } from "./layout.js";

/** A page that says one thing: not found, a used or broken link, an error. */
export function MessagePage(props: {
  readonly s: WebStrings;
  readonly title: string;
  readonly text: string;
  readonly children?: Child;
}) {
  return (
    <Layout s={props.s} title={props.title} head={<meta name="robots" content="noindex" />}>
      <header>
        <p>{props.s.siteName}</p>
        <h1>{props.title}</h1>
      </header>
      <section>
        <p>{props.text}</p>
        {props.children}
      </section>
    </Layout>
  );
}
