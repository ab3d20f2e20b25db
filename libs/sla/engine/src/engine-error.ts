/** Stable codes for what the engine refuses. */
export type EngineErrorCode =
  | 'EVENT.INVALID_TIME'
  | 'TICKET.NOT_OPENED'
  | 'TICKET.MIXED_TICKETS'
  | 'CASE.INVALID'
  | 'TIME.INVALID';

/** A domain error with a stable `code`; adapters map it to HTTP problems or dead letters. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
