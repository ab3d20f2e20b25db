/**
 * What a dead-letter topic carries: the original message, byte for byte, and why it was refused.
 *
 * The original bytes travel base64-encoded (`keyBase64`, `valueBase64`): a value that is not
 * valid UTF-8 has no faithful text form, and carrying it as text would both corrupt it and,
 * each bad byte becoming a three-byte U+FFFD, triple its size. `key` and `value` stay, as text,
 * for the readers that predate the base64 fields; they are null when the bytes are not UTF-8.
 *
 * A letter must fit the broker's record limit (1 MiB by default) or it could never be written
 * and the partition it came from would stop there. So when the encoded body would exceed the
 * producer's budget (512 KiB in `@stageplus/kafka`), the body is left out: the letter keeps the
 * length and SHA-256 of the original bytes and `source`, which locates the original record
 * while the source topic retains it. `omitted` says what was left out and why.
 */
export interface DeadLetter {
  readonly type: 'dead-letter';
  /** A stable code, e.g. `EVENT.INVALID`, `POLICY.UNKNOWN_TENANT`, `MESSAGE.NOT_JSON`. */
  readonly reason: string;
  readonly message: string;
  readonly service: string;
  /** Where the original record is: fetch it from there while the source topic retains it. */
  readonly source: { readonly topic: string; readonly partition: number; readonly offset: string };
  /** The original key as text; null when there was none, it is not valid UTF-8, or it was omitted. */
  readonly key: string | null;
  /** The original key's bytes, base64; null when there was none or it was omitted. */
  readonly keyBase64: string | null;
  /** Length of the original key in bytes; null when there was none. */
  readonly keyBytes: number | null;
  /** SHA-256 of the original key's bytes, lowercase hex; null when there was none. */
  readonly keySha256: string | null;
  /** The original value as text; null when there was none, it is not valid UTF-8, or it was omitted. */
  readonly value: string | null;
  /** The original value's bytes, base64; null when there was none or it was omitted. */
  readonly valueBase64: string | null;
  /** Length of the original value in bytes; null when there was none (a tombstone). */
  readonly valueBytes: number | null;
  /** SHA-256 of the original value's bytes, lowercase hex; null when there was none. */
  readonly valueSha256: string | null;
  /** Null when the letter carries the whole original message; else what was left out, and why. */
  readonly omitted: DeadLetterOmission | null;
  readonly failedAt: string;
}

export interface DeadLetterOmission {
  /** `DEAD_LETTER.TOO_LARGE`: the encoded body exceeded the budget of `budgetBytes`. */
  readonly reason: 'DEAD_LETTER.TOO_LARGE';
  /** The parts whose text and base64 are null: the value, and the key too if the key alone was too large. */
  readonly fields: readonly ('key' | 'value')[];
  /** Encoded bytes (JSON text plus base64 of key and value) a letter may carry. */
  readonly budgetBytes: number;
  readonly detail: string;
}
