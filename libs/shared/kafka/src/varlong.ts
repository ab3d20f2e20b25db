/**
 * Kafka's 64-bit zigzag varints in doubles, for integers within ±2^51 (exact in a double, zigzag
 * included): what kafkajs computes through its BigInt-backed `Long`. Used by the encoder patch
 * (`kafkajs-encoder.ts`) and the records of the single-pass produce request (`kafkajs-record.ts`).
 */

/** The 64-bit zigzag encoding of an integer number within ±2^51, else null (kafkajs's Long path). */
export function safeZigZag(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value > 2 ** 51 || value < -(2 ** 51)) return null;
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

/** Bytes of the unsigned varint of a zigzag value. */
export function sizeOfUVarLong(z: number): number {
  let bytes = 1;
  for (; z >= 0x80; z = Math.floor(z / 0x80)) bytes++;
  return bytes;
}

/** Writes the unsigned varint of a zigzag value at `at`; returns where it ends. */
export function writeUVarLong(buf: Buffer, at: number, z: number): number {
  while (z >= 0x80) {
    buf[at++] = (z % 0x80) | 0x80;
    z = Math.floor(z / 0x80);
  }
  buf[at++] = z;
  return at;
}
