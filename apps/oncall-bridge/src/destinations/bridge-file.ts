import { readFileSync } from 'node:fs';
import { ConfigError } from '@stageplus/config';
import { parse } from 'yaml';
import { z } from 'zod';
import type { BridgeDestination } from './bridge-destination';

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const tenantId = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'must be a tenant id (letters, digits, ._:@-)');

const route = z
  .strictObject({
    tenants: z.array(tenantId).min(1, 'lists no tenant: leave it out to forward all').optional(),
    minLevel: z.number().int().min(1).max(3).default(1),
    types: z.array(z.enum(['sla.escalated', 'sla.breached'])).min(1, 'lists no type: leave it out to forward both').optional(),
  })
  .default({ minLevel: 1 });

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and -');

const destination = z.discriminatedUnion('format', [
  z.strictObject({ name, format: z.literal('alertmanager'), url: httpUrl, receiver: z.string().min(1).default('stageplus-sla'), route }),
  z.strictObject({ name, format: z.literal('alertmanager-api'), url: z.union([httpUrl, z.array(httpUrl).min(1)]), route }),
  z.strictObject({ name, format: z.literal('pagerduty'), url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'), routingKey: z.string().min(1), route }),
], { error: 'must be alertmanager, alertmanager-api or pagerduty' });

const bridgeFile = z
  .strictObject({ destinations: z.array(destination).min(1, 'lists no destination') })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.destinations.forEach((d, i) => {
      if (seen.has(d.name)) ctx.addIssue({ code: 'custom', path: ['destinations', i, 'name'], message: `repeats "${d.name}": names must be unique` });
      seen.add(d.name);
    });
  });

/**
 * The destinations of a bridge file (`BRIDGE_FILE`, YAML): where each SLA event goes, in which
 * format, for which tenants, levels and types. Throws a `ConfigError` on `BRIDGE_FILE` naming
 * every bad field (`destinations[1].url: must be an http(s) URL`), so the process does not start.
 */
export function readBridgeFile(path: string, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): BridgeDestination[] {
  let text: string;
  let document: unknown;
  try {
    text = read(path);
  } catch (error) {
    throw fileError(path, [`cannot be read: ${(error as Error).message}`]);
  }
  try {
    document = parse(text);
  } catch (error) {
    throw fileError(path, [`cannot be read as YAML: ${(error as Error).message}`]);
  }
  const result = bridgeFile.safeParse(document);
  if (!result.success) throw fileError(path, result.error.issues.map((i) => `${fieldOf(i.path) || '(file)'}: ${i.message}`));
  return result.data.destinations.map((d): BridgeDestination => {
    const routeOf = { tenants: d.route.tenants ?? null, minLevel: d.route.minLevel, ...(d.route.types ? { types: d.route.types } : {}) };
    if (d.format === 'alertmanager-api') return { name: d.name, format: d.format, urls: typeof d.url === 'string' ? [d.url] : d.url, route: routeOf };
    return { ...d, route: routeOf };
  });
}

function fileError(path: string, messages: readonly string[]): ConfigError {
  return new ConfigError('oncall-bridge', messages.map((message) => ({ variable: 'BRIDGE_FILE', message: `${message} (in ${path})` })));
}

/** `destinations[1].route.minLevel`: a field as the file's author would name it. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}
