#!/usr/bin/env node
// Captures what the StagePlus webhook scrip really posts: starts RT (tools/rt/rt.sh, own state
// directory and port) with the scrip pointed at a local capture server, drives one ticket through
// REST2 (created in General at priority 90, stalled, open again, a reply by root to the customer,
// a comment, a priority change, resolved, reopened, resolved) and writes each body it received to
// tools/rt/fixtures/NN-<type>[-<field>]-<new value>.json (01-create.json, 02-status-stalled.json,
// 06-set-priority-70.json, ...). Run: node tools/rt/capture-fixtures.mjs (as root on a fresh machine:
// rt.sh installs RT).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const key = 'capture-key-0123456789';
const captured = [];

const capture = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    captured.push({ url: req.url, headers: req.headers, body: JSON.parse(body) });
    res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":1}');
  });
});
await new Promise((resolve) => capture.listen(0, '127.0.0.1', resolve));
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const rtPort = await freePort();
const env = {
  ...process.env,
  RT_HOME: mkdtempSync(join(tmpdir(), 'rt-capture-')),
  RT_PORT: String(rtPort),
  RT_WEBHOOK_URL: `http://127.0.0.1:${capture.address().port}/v1/webhooks/rt?tenant=tenant-a`,
  RT_WEBHOOK_KEY: key,
};
const rt = (command) => execFileSync('bash', [join(here, 'rt.sh'), command], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const rest = async (method, path, body) => {
  const response = await fetch(`http://127.0.0.1:${rtPort}/REST/2.0/${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from('root:password').toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
};
// RT's transaction times have whole seconds: one step a second keeps every instant distinct.
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

rt('start');
try {
  const { id } = await rest('POST', 'ticket', {
    Queue: 'General',
    Subject: 'Imprimante du poste de garde hors service (étage 3)',
    Priority: 90,
    Requestor: 'customer@example.com',
    Content: 'The printer at the nurses station is down.',
    ContentType: 'text/plain',
  });
  const steps = [
    () => rest('PUT', `ticket/${id}`, { Status: 'stalled' }),
    () => rest('PUT', `ticket/${id}`, { Status: 'open' }),
    () => rest('POST', `ticket/${id}/correspond`, { Content: 'A technician is on the way.', ContentType: 'text/plain' }),
    () => rest('POST', `ticket/${id}/comment`, { Content: 'Toner ordered.', ContentType: 'text/plain' }),
    () => rest('PUT', `ticket/${id}`, { Priority: 70 }),
    () => rest('PUT', `ticket/${id}`, { Status: 'resolved' }),
    () => rest('PUT', `ticket/${id}`, { Status: 'open' }),
    () => rest('PUT', `ticket/${id}`, { Status: 'resolved' }),
  ];
  for (const step of steps) {
    await nextSecond();
    await step();
  }
} finally {
  rt('stop');
  capture.close();
  rmSync(env.RT_HOME, { recursive: true, force: true });
}

for (const c of captured) {
  if (c.headers.authorization !== `Bearer ${key}`) throw new Error(`unexpected authorization: ${c.headers.authorization}`);
  if (!c.url.endsWith('?tenant=tenant-a')) throw new Error(`unexpected URL: ${c.url}`);
}
mkdirSync(fixtures, { recursive: true });
for (const f of readdirSync(fixtures)) if (f.endsWith('.json')) rmSync(join(fixtures, f));
const slug = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-');
captured.forEach(({ body }, i) => {
  const { type, field, new_value: value } = body.transaction;
  const change = field === type ? [value] : field ? [field, value ?? 'none'] : [];
  const name = [String(i + 1).padStart(2, '0'), type, ...change].map(slug).join('-');
  writeFileSync(join(fixtures, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
  console.log(`${name}.json`);
});
