import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const rtScript = join(__dirname, '../../../../tools/rt/rt.sh');

/** Where RT's scrip posts each transaction: intake's webhook, tenant in the URL, a write key. */
export interface RequestTrackerWebhook {
  readonly url: string;
  readonly key: string;
}

/** One transaction of a ticket's history, as REST2 lists it (`Created` in UTC, to the second). */
export interface RequestTrackerTransaction {
  readonly id: number;
  readonly type: string;
  readonly field: string | null;
  readonly oldValue: string | null;
  readonly newValue: string | null;
  /** Epoch ms. */
  readonly createdAt: number;
}

/**
 * Request Tracker 5 as `tools/rt/rt.sh` runs it (installed from Debian's packages when missing),
 * in a state directory of its own (a fresh copy of RT's SQLite database, the StagePlus webhook
 * scrip installed in it) on the port given, driven through REST2 as root.
 */
export class RequestTracker {
  private home: string | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts RT with its scrip posting to `webhook`; installing RT on a fresh machine takes about 30 s more. */
  async start(webhook: RequestTrackerWebhook): Promise<this> {
    this.home = await mkdtemp(join(tmpdir(), 'rt-e2e-'));
    await this.rt('start', { RT_WEBHOOK_URL: webhook.url, RT_WEBHOOK_KEY: webhook.key });
    return this;
  }

  async stop(): Promise<void> {
    if (this.home === null) return;
    await this.rt('stop', {});
    await rm(this.home, { recursive: true, force: true });
    this.home = null;
  }

  /** Creates a ticket (`Queue`, `Subject`, `Priority`, `Requestor`, ...) and returns its id. */
  async createTicket(fields: Readonly<Record<string, unknown>>): Promise<number> {
    const created = (await this.rest('POST', 'ticket', fields)) as { id: string | number };
    return Number(created.id);
  }

  /** Sets ticket fields (`Status`, `Priority`, ...): one transaction per field changed. */
  async update(id: number, fields: Readonly<Record<string, unknown>>): Promise<void> {
    await this.rest('PUT', `ticket/${id}`, fields);
  }

  /** A reply to the requestor, by root: RT's Correspond transaction. */
  async correspond(id: number, content: string): Promise<void> {
    await this.rest('POST', `ticket/${id}/correspond`, { Content: content, ContentType: 'text/plain' });
  }

  async history(id: number): Promise<RequestTrackerTransaction[]> {
    const page = (await this.rest('GET', `ticket/${id}/history?per_page=100&fields=Type,Field,OldValue,NewValue,Created`)) as {
      items: { id: string; Type: string; Field: string; OldValue: string; NewValue: string; Created: string }[];
    };
    return page.items.map((t) => ({
      id: Number(t.id),
      type: t.Type,
      field: t.Field || null,
      oldValue: t.OldValue || null,
      newValue: t.NewValue || null,
      createdAt: Date.parse(t.Created),
    }));
  }

  /** Lines RT logged about deliveries the scrip could not make (intake refused or did not answer). */
  async webhookFailures(): Promise<string[]> {
    if (this.home === null) return [];
    const log = await readFile(join(this.home, 'rt.log'), 'utf8').catch(() => '');
    return log.split('\n').filter((line) => /StagePlus webhook: transaction \d+ (refused|not posted)/.test(line));
  }

  private async rest(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/REST/2.0/${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from('root:password').toString('base64')}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`RT ${method} /REST/2.0/${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  }

  private async rt(command: 'start' | 'stop', env: Readonly<Record<string, string>>): Promise<void> {
    try {
      await run('bash', [rtScript, command], {
        env: { ...process.env, RT_HOME: this.home ?? '', RT_PORT: String(this.port), ...env },
        timeout: 300_000,
      });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`tools/rt/rt.sh ${command} failed:\n${stderr ?? String(error)}`);
    }
  }
}
