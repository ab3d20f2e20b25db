import type { KafkaMessage } from 'kafkajs';
import { parseJsonValue, toIncomingMessage } from './incoming-message';
import { PermanentMessageError, permanentFailure } from './message-errors';

const message = (value: string | null): KafkaMessage => ({
  key: Buffer.from('tenant:T-1'),
  value: value === null ? null : Buffer.from(value),
  headers: { 'event-type': Buffer.from('ticket.opened'), multi: [Buffer.from('a'), Buffer.from('b')] },
  offset: '42',
  timestamp: '1700000000000',
  attributes: 0,
});

describe('consumed messages as handlers see them', () => {
  it('exposes key, value and headers as text, with where the message came from', () => {
    expect(toIncomingMessage('tickets.events', 2, message('{"a":1}'))).toEqual({
      topic: 'tickets.events',
      partition: 2,
      offset: '42',
      key: 'tenant:T-1',
      value: '{"a":1}',
      headers: { 'event-type': 'ticket.opened', multi: 'a' },
      timestamp: '1700000000000',
    });
  });

  it('refuses a value that is not JSON, or no value, as permanent failures with stable codes', () => {
    expect(() => parseJsonValue(toIncomingMessage('t', 0, message('{nope')))).toThrow(PermanentMessageError);
    expect(permanentFailure(catchError(() => parseJsonValue(toIncomingMessage('t', 0, message('{nope'))))))
      .toMatchObject({ code: 'MESSAGE.NOT_JSON' });
    expect(permanentFailure(catchError(() => parseJsonValue(toIncomingMessage('t', 0, message(null))))))
      .toMatchObject({ code: 'MESSAGE.EMPTY' });
  });

  it('recognises a permanent failure after Nest wrapped it into its error object, and nothing else', () => {
    expect(permanentFailure({ permanent: true, code: 'EVENT.INVALID', message: 'impact: must be 1..4' })).toEqual({
      code: 'EVENT.INVALID',
      message: 'impact: must be 1..4',
    });
    expect(permanentFailure(new Error('ECONNREFUSED'))).toBeNull();
    expect(permanentFailure({ status: 'error', message: 'Internal server error' })).toBeNull();
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
