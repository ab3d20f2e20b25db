/**
 * A stand-in on-call tool for the demo: listens on a loopback port, answers 202 to every POST and
 * prints one line per alert the bridge sends (Alertmanager or PagerDuty format).
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/demo/webhook-sink.ts [--port 9094]
 *   BRIDGE_FORMAT=alertmanager BRIDGE_WEBHOOK_URL=http://127.0.0.1:9094/hook npm run demo
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '9094' } } });

interface AlertmanagerBody {
  readonly status: string;
  readonly alerts: readonly { readonly labels: Record<string, string>; readonly annotations: Record<string, string> }[];
}

interface PagerDutyBody {
  readonly event_action: string;
  readonly dedup_key: string;
  readonly payload?: { readonly severity: string; readonly summary: string };
}

/** One line per alert: what the on-call engineer would see come in. */
function describe(body: unknown): string[] {
  const am = body as AlertmanagerBody;
  if (Array.isArray(am.alerts)) {
    return am.alerts.map((a) => `${am.status.toUpperCase().padEnd(8)} ${a.labels.severity?.padEnd(8)} ${a.labels.tenant}:${a.labels.ticket}:${a.labels.clock}  ${a.annotations.summary}`);
  }
  const pd = body as PagerDutyBody;
  return [`${pd.event_action.toUpperCase().padEnd(8)} ${(pd.payload?.severity ?? '').padEnd(8)} ${pd.dedup_key}  ${pd.payload?.summary ?? ''}`];
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const lines = describe(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      for (const line of lines) process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"success"}');
    } catch (error) {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'invalid', message: (error as Error).message }));
    }
  });
});

server.listen(Number(values.port), '127.0.0.1', () => process.stderr.write(`webhook sink on http://127.0.0.1:${values.port}/hook; Ctrl-C stops\n`));
process.on('SIGINT', () => server.close(() => process.exit(0)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
