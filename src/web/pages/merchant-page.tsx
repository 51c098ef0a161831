/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import {
  MERCHANT_NOTE_MAX,
  type MerchantAnswer,
  type MerchantProposalView,
  type WebLocale,
} from "../../ports/web.js";
import { formatShort, formatSpan, money } from "../format.js";
import type { MerchantFormValues } from "../merchant-form.js";
import { webStrings } from "../strings/index.js";
import { Layout } from "./layout.js";

const ANSWERS: readonly MerchantAnswer[] = ["agreed", "other_date", "declined"];

export interface MerchantPageProps {
  readonly proposal: MerchantProposalView;
  readonly locale: WebLocale;
  /** The form posts back to the page's own path. */
  readonly action: string;
  readonly csrf: string;
  readonly values?: MerchantFormValues;
  /** One sentence saying what to fix. */
  readonly error?: string;
  /** The answer was just recorded. */
  readonly thanked?: boolean;
}

/** The merchant's answer, when there is one. */
export function merchantAnswer(
  p: MerchantProposalView,
): { readonly answer: MerchantAnswer; readonly at: number } | null {
  const status = p.answer.status;
  if (status === "not_asked" || status === "asked" || p.answer.at === null) return null;
  return { answer: status, at: p.answer.at };
}

/** "You answered "Yes" on …", or null while there is no answer yet. */
export function answeredLine(p: MerchantProposalView, locale: WebLocale): string | null {
  const given = merchantAnswer(p);
  if (given === null) return null;
  const s = webStrings(locale);
  return s.answeredOn(s.answers[given.answer], formatShort(given.at, p.timezone, locale));
}

/** The merchant's private page: the proposal, the current answer, and the form to give or change it. */
export function MerchantPage(props: MerchantPageProps) {
  const { proposal: p, locale } = props;
  const s = webStrings(locale);
  const title = s.merchantTitle(p.shop.name);
  const answered = answeredLine(p, locale);
  const chosen = props.values?.answer ?? merchantAnswer(p)?.answer ?? null;
  return (
    <Layout
      s={s}
      title={title}
      explain={false}
      head={
        <>
          <meta name="robots" content="noindex, nofollow" />
          <meta name="referrer" content="no-referrer" />
        </>
      }
    >
      <header>
        <p>{s.siteName}</p>
        <h1>{title}</h1>
      </header>
      {props.thanked ? (
        <section role="status">
          <p>
            <strong>{s.thanks}</strong>
          </p>
        </section>
      ) : null}
      <section>
        <p>{s.merchantIntro(p.communityName)}</p>
        <dl>
          <dt>{s.when}</dt>
          <dd>{formatSpan(p.startsAt, p.endsAt, p.timezone, locale)}</dd>
          {p.expectedCrowd === null ? null : (
            <>
              <dt>{s.expected}</dt>
              <dd>{s.crowd(p.expectedCrowd)}</dd>
            </>
          )}
          {p.usualTurnout === null ? null : (
            <>
              <dt>{s.usualTurnout}</dt>
              <dd>{s.perMob(p.usualTurnout)}</dd>
            </>
          )}
          <dt>{s.pledge}</dt>
          <dd>{s.merchantPledge(money(p.pledgeMinor, p.currency, locale))}</dd>
        </dl>
        <p class="muted">
          <strong>{s.whatIsTitle}</strong> {s.whatIs}
        </p>
      </section>
      {answered ? (
        <section>
          <p>{answered}</p>
          {p.answer.note ? <p class="muted">{p.answer.note}</p> : null}
          <p class="muted">{s.changeUntil(formatShort(p.startsAt, p.timezone, locale))}</p>
        </section>
      ) : null}
      <section>
        <form method="post" action={props.action}>
          <input type="hidden" name="csrf" value={props.csrf} />
          {props.error ? (
            <p class="error" role="alert">
              {props.error}
            </p>
          ) : null}
          <fieldset>
            <legend>{s.yourAnswer}</legend>
            {ANSWERS.map((a) => (
              <label class="choice">
                <input type="radio" name="answer" value={a} checked={chosen === a} required />
                {s.answers[a]}
              </label>
            ))}
          </fieldset>
          <label class="field" for="note">
            {s.noteLabel}
          </label>
          <textarea id="note" name="note" maxlength={MERCHANT_NOTE_MAX} placeholder={s.noteHint}>
            {props.values?.note ?? p.answer.note ?? ""}
          </textarea>
          <label class="field" for="takings">
            {s.takingsLabel(p.currency)}
          </label>
          <input
            id="takings"
            name="takings"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            maxlength={20}
            value={props.values?.takings ?? ""}
          />
          <p class="muted">{s.takingsHint}</p>
          <button class="button" type="submit">
            {s.send}
          </button>
        </form>
      </section>
    </Layout>
  );
}
