import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { Connectors, isSource, loadConnectorsFile, mapDelivery, SOURCES } from '@stageplus/sla-connectors';
import { CliError } from '../../io/cli-error';
import { policyFrom } from '../../io/policy-option';

export const CONNECTORS_USAGE = `  connectors validate [FILE]  check a connectors file (default: $CONNECTORS_FILE)
  connectors map --source S   one webhook payload on stdin -> the ticket events it becomes (JSON Lines)
      --tenant T              the tenant (?tenant= of the webhook URL)
      --file FILE             the connectors file whose overrides apply (default: $CONNECTORS_FILE)
      --header 'Name: value'  a header of the delivery (repeatable), e.g. its delivery id
`;

interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** `sla connectors validate|map`: the exit status says whether the file or the payload holds. */
export async function connectorsCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      tenant: { type: 'string' },
      file: { type: 'string' },
      policy: { type: 'string' },
      header: { type: 'string', multiple: true, default: [] },
    },
  });
  const [sub, file] = positionals;
  if (sub === 'validate') return validate(file ?? io.env.CONNECTORS_FILE, io.stdout);
  if (sub === 'map') {
    if (!isSource(values.source)) throw new CliError('CLI.USAGE', `--source must be one of ${SOURCES.join(', ')}`);
    const connectors = connectorsFrom(values.file ?? io.env.CONNECTORS_FILE);
    const rawBody = await readAll(io.stdin);
    const delivery = { body: parsed(rawBody), rawBody, headers: headersOf(values.header ?? []), tenant: values.tenant };
    const outcome = await mapDelivery(connectors.mappingFor(values.source, values.tenant), delivery, policyFrom(values.policy));
    if (outcome.kind === 'ignored') io.stderr.write(`ignored: ${outcome.reason}\n`);
    else io.stdout.write(outcome.events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    return 0;
  }
  throw new CliError('CLI.USAGE', `unknown connectors command "${sub ?? ''}": validate or map\n\n${CONNECTORS_USAGE}`);
}

function validate(file: string | undefined, stdout: Writable): number {
  if (file === undefined) throw new CliError('CLI.USAGE', 'connectors validate needs a FILE (or CONNECTORS_FILE)');
  loadConnectorsFile(file);
  stdout.write(`${file}: valid\n`);
  return 0;
}

function connectorsFrom(file: string | undefined): Connectors {
  return file === undefined ? new Connectors() : loadConnectorsFile(file);
}

function headersOf(lines: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new CliError('CLI.USAGE', `--header must be 'Name: value', not "${line}"`);
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
}

function parsed(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new CliError('CLI.INPUT', `the payload on stdin is not JSON: ${(error as Error).message}`);
  }
}

async function readAll(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
