import type { Readable, Writable } from 'node:stream';
import { caseDeadlines, type ClockDeadlines } from '@stageplus/sla-engine';
import type { SlaPolicy } from '@stageplus/sla-policy';
import { describeError } from '../io/cli-error';
import { LineWriter, readJsonLines } from '../io/json-lines';
import { parseDeadlineCase } from './deadline-case.schema';

const iso = (ms: number) => new Date(ms).toISOString();

function clockOut(c: ClockDeadlines) {
  return {
    targetMinutes: c.targetMinutes,
    dueAt: iso(c.dueAt),
    escalations: c.escalations.map((e) => ({ percent: e.percent, at: iso(e.at) })),
  };
}

function idOf(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id ?? null : null;
}

/**
 * `sla deadlines`: one case a line in, one result (or error) line out, in order.
 * Returns the number of failed lines.
 */
export async function deadlinesCommand(policy: SlaPolicy, input: Readable, output: Writable): Promise<number> {
  const out = new LineWriter(output);
  let failed = 0;
  for await (const line of readJsonLines(input)) {
    if (!line.ok) {
      failed++;
      out.write({ id: null, error: { code: 'INPUT.INVALID_JSON', message: line.message } });
      continue;
    }
    const parsed = parseDeadlineCase(line.value);
    if (!parsed.ok) {
      failed++;
      out.write({ id: idOf(line.value), error: { code: 'CASE.INVALID', message: `line ${line.lineNo}: ${parsed.message}` } });
      continue;
    }
    try {
      const d = caseDeadlines(policy, parsed.value.value);
      out.write({
        id: parsed.value.id,
        priority: d.priority,
        calendar: d.calendar,
        response: clockOut(d.response),
        resolution: clockOut(d.resolution),
      });
    } catch (error) {
      failed++;
      out.write({ id: parsed.value.id, error: describeError(error) });
    }
  }
  await out.end();
  return failed;
}
