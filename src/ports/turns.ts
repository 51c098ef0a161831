/**
 * A job only one replica may do at a time (polling Telegram: two pollers steal each other's
 * updates). Whoever holds its lease does it; when that replica dies or cannot renew, another
 * takes its turn.
 */
export interface Turn {
  /** This replica's turn began: start the job. */
  begin(): void;
  /** Its turn ended (the lease was lost, or the replica stops): stop the job. */
  end(): Promise<void>;
}

export interface TakingTurns {
  /** Ends the job if it runs and gives the turn back (a graceful stop). */
  stop(): Promise<void>;
  /** Is it this replica's turn now? */
  mine(): boolean;
}

/** Takes turns at the job named by the caller, among the replicas on one database. */
export type TakeTurns = (turn: Turn) => TakingTurns;
