import type { ChildProcess } from "node:child_process";

/** What `child` has written so far to its stdout and stderr, kept up to date as it writes. */
export function outputOf(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (d: Buffer) => {
    output.stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output.stderr += d.toString();
  });
  return output;
}

/** Resolves once `child` has exited and closed its output: its exit code and all it wrote. */
export function finished(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const output = outputOf(child);
  return new Promise((done) => child.on("close", (code) => done({ code, ...output })));
}
