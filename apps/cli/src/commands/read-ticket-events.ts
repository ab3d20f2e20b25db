import type { Readable } from 'node:stream';
import { parseTicketEvent } from '@stageplus/contracts';
import { toKnownEvent, type KnownEvent } from '@stageplus/sla-engine';
import { readJsonLines } from '../io/json-lines';

export interface InputError {
  readonly line: number;
  readonly error: { readonly code: string; readonly message: string };
}

/** Reads and validates ticket events (JSON Lines); bad lines are collected, not fatal. */
export async function readTicketEvents(input: Readable): Promise<{ events: KnownEvent[]; errors: InputError[] }> {
  const events: KnownEvent[] = [];
  const errors: InputError[] = [];
  for await (const line of readJsonLines(input)) {
    if (!line.ok) {
      errors.push({ line: line.lineNo, error: { code: 'INPUT.INVALID_JSON', message: line.message } });
      continue;
    }
    const parsed = parseTicketEvent(line.value);
    if (!parsed.ok) {
      const message = parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      errors.push({ line: line.lineNo, error: { code: 'EVENT.INVALID', message } });
      continue;
    }
    events.push(toKnownEvent(parsed.value, events.length));
  }
  return { events, errors };
}
