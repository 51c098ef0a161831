/**
 * A strict reader of the Prometheus text exposition format (0.0.4), enough to
 * check what /metrics serves: every line must be a comment, HELP/TYPE, or a
 * well-formed sample, or it throws.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  readonly type: string;
  readonly help: string;
  readonly samples: Sample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) {
      f = { type: "untyped", help: "", samples: [] };
      families.set(name, f);
    }
    return f;
  };
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`).exec(line);
    if (meta) {
      const f = family(meta[2] ?? "");
      if (meta[1] === "TYPE") {
        if (!/^(counter|gauge|histogram|summary|untyped)$/.test(meta[3] ?? "")) {
          throw new Error(`bad TYPE line: ${line}`);
        }
        Object.assign(f, { type: meta[3] });
      } else Object.assign(f, { help: meta[3] });
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? "";
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const l = LABEL.exec(body);
      if (!l) throw new Error(`bad labels: ${line}`);
      labels[l[1] ?? ""] = (l[2] ?? "").replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    }
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
    const raw = (m[3] ?? "").toLowerCase();
    const value =
      raw === "nan"
        ? Number.NaN
        : /^[+-]?inf$/.test(raw)
          ? raw.startsWith("-")
            ? -Infinity
            : Infinity
          : Number(raw);
    if (Number.isNaN(value) && raw !== "nan") throw new Error(`bad value: ${line}`);
    const name = m[1] ?? "";
    const base = name.replace(/_(bucket|sum|count)$/, "");
    const owner = families.has(name) ? name : families.has(base) ? base : name;
    family(owner).samples.push({ name, labels, value });
  }
  return families;
}
