import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { SlaTicketOutcome } from '@stageplus/contracts';
import { createKafka, readTopicToEnd } from '@stageplus/kafka';
import { replay } from '@stageplus/sla-engine';
import { complianceReport, outcomesOfReplay, renderCsv, renderHtml, renderJson, type ComplianceReport, type ReportLang } from '@stageplus/sla-reporting';
import { readTicketEvents } from '../read-ticket-events';
import type { ReportFormat, ReportOptions } from './report.options';
import { parseSlaOutcome } from './sla-outcome.schema';

const RENDERERS: Record<ReportFormat, (report: ComplianceReport, lang: ReportLang) => string> = {
  json: renderJson,
  csv: renderCsv,
  html: renderHtml,
};

/** The outcomes and the problems met reading them (bad lines, bad records, tickets the policy cannot apply to). */
interface Gathered {
  readonly outcomes: SlaTicketOutcome[];
  readonly problems: unknown[];
}

/**
 * The live state: the compacted `sla.outcomes` topic from its beginning to its end as of now. As
 * compaction will keep it, the last record of a key wins and a tombstone removes the key.
 */
async function fromTopic(brokers: readonly string[], topic: string): Promise<Gathered> {
  const outcomes = new Map<string, SlaTicketOutcome>();
  const problems: unknown[] = [];
  await readTopicToEnd(createKafka({ brokers, clientId: 'sla-report' }), topic, (record) => {
    const key = record.key ?? '';
    if (record.value === null) {
      outcomes.delete(key);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(record.value.toString('utf8'));
    } catch {
      problems.push({ partition: record.partition, offset: record.offset, error: { code: 'OUTCOME.INVALID_JSON', message: 'not JSON' } });
      return;
    }
    const parsed = parseSlaOutcome(value);
    if (parsed.ok) outcomes.set(key, parsed.value);
    else problems.push({ partition: record.partition, offset: record.offset, error: { code: 'OUTCOME.INVALID', message: parsed.message } });
  }, { groupPrefix: 'sla-report' });
  return { outcomes: [...outcomes.values()], problems };
}

/** An event log through the replay engine, as `sla replay` runs it: the outcomes of the tickets it closes. */
async function fromEventLog(input: Readable, options: Extract<ReportOptions['source'], { kind: 'events' }>): Promise<Gathered> {
  const { events, errors } = await readTicketEvents(input);
  const result = replay(events, { policy: options.policy });
  return { outcomes: outcomesOfReplay(result), problems: [...errors, ...result.errors.map((error) => ({ error }))] };
}

/**
 * `sla report`: compliance per establishment, local month of closing, priority and clock, from
 * the live `sla.outcomes` topic or from an event log. The report goes to stdout; problems go to
 * stderr, one JSON line each. Returns the number of problems.
 */
export async function reportCommand(options: ReportOptions, stdin: Readable, stdout: Writable, stderr: Writable): Promise<number> {
  const { source } = options;
  const gathered =
    source.kind === 'live'
      ? await fromTopic(source.brokers, source.topic)
      : await fromEventLog(source.file === null ? stdin : createReadStream(source.file), source);
  for (const p of gathered.problems) stderr.write(JSON.stringify(p) + '\n');
  const report = complianceReport(gathered.outcomes, options.period);
  await new Promise<void>((resolve, reject) => stdout.write(RENDERERS[options.format](report, options.lang), (e) => (e ? reject(e) : resolve())));
  return gathered.problems.length;
}
