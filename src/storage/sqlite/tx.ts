import type Database from "better-sqlite3";
import type { Tx } from "../../ports/unit-of-work.js";
import { chats, linkCodes, members } from "./chats.js";
import { communities } from "./communities.js";
import { coordination } from "./coordination.js";
import { inboundEvents, secrets, withheld } from "./events.js";
import { history } from "./history.js";
import { mobs } from "./mobs.js";
import { nominations } from "./nominations.js";
import { outbox } from "./outbox.js";
import { outboxQueries } from "./outbox-queries.js";
import { participants } from "./participants.js";
import { photos } from "./photos.js";
import { series } from "./series.js";
import { sqlOn } from "./sql.js";
import { votes } from "./votes.js";
import { waitlist } from "./waitlist.js";

/** Every repository of one unit of work, on the connection, refusing once `open()` is false. */
export function sqliteTx(db: Database.Database, open: () => boolean): Tx {
  const sql = sqlOn(db, open);
  return {
    ...communities(sql),
    ...chats(sql),
    ...members(sql),
    ...linkCodes(sql),
    ...mobs(sql),
    ...nominations(sql),
    ...votes(sql),
    ...series(sql),
    ...participants(sql),
    ...waitlist(sql),
    ...photos(sql),
    ...history(sql),
    ...outbox(sql),
    ...outboxQueries(sql),
    ...inboundEvents(sql),
    ...secrets(sql),
    ...coordination(sql),
    ...withheld(sql),
  };
}
