import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

/**
 * Whether Biome refuses `imports` in a file of `folder`. The probe is a real file there (Biome
 * reports nothing for stdin), removed at once; `export … from` is not checked by the rule, so
 * probes import.
 */
function refused(folder: string, imports: string): boolean {
  const path = join(ROOT, folder, `zz-layers-probe-${process.pid}.ts`);
  writeFileSync(path, `${imports}\nexport const probe = 1;\n`);
  try {
    const run = spawnSync(process.execPath, [biome, "lint", path], { cwd: ROOT, encoding: "utf8" });
    return `${run.stdout}${run.stderr}`.includes("noRestrictedImports");
  } finally {
    rmSync(path, { force: true });
  }
}

describe("the layers: domain ← app ← presenters ← adapters, checked by npm test's lint", () => {
  it("a use case that imports the catalogue, a presenter or the web side is refused", () => {
    expect(refused("src/app", 'import { catalog } from "../i18n/index.js";')).toBe(true);
    expect(refused("src/app", 'import { personal } from "../presenters/kit.js";')).toBe(true);
    expect(refused("src/app", 'import { mobPageUrl } from "../web/links.js";')).toBe(true);
  });

  it("a use case may import the domain and the ports", () => {
    expect(
      refused(
        "src/app",
        'import { ok } from "../domain/errors.js";\nimport type { Tx } from "../ports/unit-of-work.js";',
      ),
    ).toBe(false);
  });

  it("the domain imports nothing of ours; presenters import no adapter", () => {
    expect(refused("src/domain", 'import type { Tx } from "../ports/unit-of-work.js";')).toBe(true);
    expect(refused("src/presenters", 'import { mobPageUrl } from "../web/links.js";')).toBe(true);
    expect(refused("src/presenters", 'import type { Created } from "../app/mob-create.js";')).toBe(
      false,
    );
  });

  it("a bot imports neither the web side nor storage", () => {
    expect(refused("bots/console", 'import { mobPageUrl } from "../../src/web/links.js";')).toBe(
      true,
    );
  });
});
