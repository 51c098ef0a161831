import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** Where log lines go: anything with a `write(line)`. */
export interface LogSink {
  write(line: string): unknown;
}

/**
 * Appends each log line to `path` (its folder made if needed), written at
 * once, so the last lines before an exit are never lost. Opened in append
 * mode: `logrotate` with `copytruncate` works on it.
 */
export function openLogFile(path: string): LogSink & { close(): void } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "a", 0o600);
  return {
    write(line: string) {
      writeSync(fd, line);
    },
    close() {
      closeSync(fd);
    },
  };
}
