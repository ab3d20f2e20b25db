import type { KafkaMessage } from 'kafkajs';
import { createHash } from 'node:crypto';
import { DEAD_LETTER_BODY_BUDGET_BYTES, toDeadLetter, type DeadLetterInput } from './dead-letters';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const refused = (key: Buffer | null, value: Buffer | null, detail = 'the value is not JSON'): DeadLetterInput => ({
  service: 'priority',
  topic: 'tickets.events',
  partition: 1,
  message: { key, value, offset: '42', timestamp: '1700000000000', attributes: 0, headers: {} } as KafkaMessage,
  reason: 'MESSAGE.NOT_JSON',
  detail,
  now: new Date('2026-06-16T13:00:00Z'),
});

describe('the dead letter of a refused message', () => {
  it('carries the reason, where the record is, and the original bytes as text, base64, length and digest', () => {
    const key = Buffer.from('tenant:T-1');
    const value = Buffer.from('{nope é');
    expect(toDeadLetter(refused(key, value))).toEqual({
      type: 'dead-letter',
      reason: 'MESSAGE.NOT_JSON',
      message: 'the value is not JSON',
      service: 'priority',
      source: { topic: 'tickets.events', partition: 1, offset: '42' },
      key: 'tenant:T-1',
      keyBase64: key.toString('base64'),
      keyBytes: 10,
      keySha256: sha256(key),
      value: '{nope é',
      valueBase64: value.toString('base64'),
      valueBytes: 8,
      valueSha256: sha256(value),
      omitted: null,
      failedAt: '2026-06-16T13:00:00.000Z',
    });
  });

  it('gives no text for bytes that are not UTF-8, and keeps them exactly in base64', () => {
    const value = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    const letter = toDeadLetter(refused(Buffer.from([0xc3, 0x28]), value));
    expect(letter).toMatchObject({ key: null, keyBase64: 'wyg=', keyBytes: 2, value: null, valueBytes: 5, omitted: null });
    expect(Buffer.from(letter.valueBase64 ?? '', 'base64').equals(value)).toBe(true);
  });

  it('says a key or value was absent with nulls throughout', () => {
    expect(toDeadLetter(refused(null, null))).toMatchObject({
      key: null,
      keyBase64: null,
      keyBytes: null,
      keySha256: null,
      value: null,
      valueBase64: null,
      valueBytes: null,
      valueSha256: null,
      omitted: null,
    });
  });

  it('omits a value whose encoding would exceed the budget, keeping its length, digest and the key', () => {
    const value = Buffer.alloc(900 * 1024, 0xff);
    const letter = toDeadLetter(refused(Buffer.from('tenant:T-1'), value));
    expect(letter).toMatchObject({
      key: 'tenant:T-1',
      value: null,
      valueBase64: null,
      valueBytes: 921_600,
      valueSha256: sha256(value),
      omitted: { reason: 'DEAD_LETTER.TOO_LARGE', fields: ['value'], budgetBytes: DEAD_LETTER_BODY_BUDGET_BYTES },
    });
    expect(letter.omitted?.detail).toMatch(/921600 bytes.*over the budget of 524288/);
    expect(Buffer.byteLength(JSON.stringify(letter))).toBeLessThan(4_096);
  });

  it('counts both the text and the base64 of a UTF-8 value against the budget', () => {
    const justUnder = toDeadLetter(refused(null, Buffer.from('a'.repeat(100))), 100 + 2 + 136);
    const justOver = toDeadLetter(refused(null, Buffer.from('a'.repeat(100))), 100 + 2 + 135);
    expect(justUnder.omitted).toBeNull();
    expect(justOver.omitted?.fields).toEqual(['value']);
  });

  it('omits the key too when the key alone exceeds the budget', () => {
    const letter = toDeadLetter(refused(Buffer.alloc(600 * 1024, 0x61), Buffer.from('{}')));
    expect(letter).toMatchObject({ key: null, keyBase64: null, keyBytes: 614_400, value: null, omitted: { fields: ['key', 'value'] } });
  });

  it('bounds the detail, so that a verbose handler cannot push a letter over the limit', () => {
    const letter = toDeadLetter(refused(null, Buffer.from('x'), 'e'.repeat(100_000)));
    expect(letter.message.length).toBeLessThanOrEqual(4_097);
  });
});
