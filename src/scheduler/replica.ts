import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * This process's name among the bots sharing a database: the host, the process id and a
 * random tail (two containers may both be pid 1 on hosts of one name). It holds the outbox
 * rows this process claims (their lease), labels its metrics and is said in its logs.
 */
export function newReplicaId(): string {
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, "") || "host";
  return `${host}-${process.pid}-${randomBytes(3).toString("hex")}`;
}
