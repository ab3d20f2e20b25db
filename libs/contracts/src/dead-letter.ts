/** What a dead-letter topic carries: the original message untouched, and why it was refused. */
export interface DeadLetter {
  readonly type: 'dead-letter';
  /** A stable code, e.g. `EVENT.INVALID`, `POLICY.UNKNOWN_TENANT`, `MESSAGE.NOT_JSON`. */
  readonly reason: string;
  readonly message: string;
  readonly service: string;
  readonly source: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly key: string | null;
  /** The original value as UTF-8 text. */
  readonly value: string | null;
  readonly failedAt: string;
}
