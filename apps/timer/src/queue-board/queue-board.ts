import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { ALL_TENANTS, type ApiAdmission, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, remoteAddress, type ApiKeyPrincipal } from '@stageplus/http';
import type { Queue } from 'bullmq';

/** Where the board is served. */
export const QUEUE_BOARD_PATH = '/admin/queues';

type BoardOptions = Parameters<typeof createBullBoard>[0];

const CHALLENGE = 'Basic realm="sla-timer queues", charset="UTF-8"';

/** The timer's BullMQ queue of each partition (`BullmqWakeTimers`). */
export interface PartitionQueues {
  queue(partition: number): Queue;
}

/**
 * bull-board on the timer's per-partition BullMQ queues (one delayed wake-up job per instant a partition must wake up at), read
 * only: removing or promoting a ticket's job by hand would lose or advance its thresholds.
 *
 * Behind HTTP Basic authentication whose password is an API key valid for every tenant (the
 * user name is not checked): the queues hold every tenant's tickets, so a key bound to tenants
 * gets 403. Mounted with the HTTP wiring, before the partitions are counted: the queues are shown
 * once they are (`show`), before the timer listens.
 */
export class QueueBoard {
  private readonly serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  private readonly board: ReturnType<typeof createBullBoard>;

  constructor(private readonly queues: PartitionQueues) {
    // @bull-board/express 9.10.1 declares its own copy of @bull-board/api's types (9.10.2 here):
    // the same shapes, distinct declarations. At run time the adapter uses nothing of that copy.
    const serverAdapter = this.serverAdapter as unknown as BoardOptions['serverAdapter'];
    this.board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'SLA timers' } } });
  }

  /** Shows the queues of partitions `0..count-1`. */
  show(count: number): void {
    this.board.replaceQueues(
      Array.from({ length: count }, (_, p) => new BullMQAdapter(this.queues.queue(p), { readOnlyMode: true, prefix: `p${p}-`, displayName: `partition ${p}` })),
    );
  }

  /** On the HTTP server before Nest's routes (call before `init`), admitting as the API does. */
  mount(app: INestApplication, admission: ApiAdmission): void {
    app.use(QUEUE_BOARD_PATH, basicAuth(admission), this.serverAdapter.getRouter());
  }
}

function basicAuth(admission: ApiAdmission) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const password = basicPassword(request.headers.authorization);
    if (password === null) return refuse(response, 401, 'the queue board asks for HTTP Basic authentication: any user name, an API key valid for all tenants as password');
    let principal: ApiKeyPrincipal;
    try {
      principal = admission.authenticate(`Bearer ${password}`, remoteAddress(request));
    } catch {
      return refuse(response, 401, 'the API key is not valid');
    }
    if (!principal.scopes.includes('read')) return refuse(response, 403, 'the API key lacks the "read" scope');
    if (!principal.tenants.includes(ALL_TENANTS)) return refuse(response, 403, 'the queues hold every tenant\'s tickets: this API key is bound to tenants');
    next();
  };
}

function basicPassword(authorization: string | undefined): string | null {
  const encoded = /^Basic[ \t]+([A-Za-z0-9+/]+=*)[ \t]*$/i.exec(authorization ?? '')?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 || colon === decoded.length - 1 ? null : decoded.slice(colon + 1);
}

function refuse(response: ServerResponse, status: 401 | 403, detail: string): void {
  response.statusCode = status;
  if (status === 401) response.setHeader('WWW-Authenticate', CHALLENGE);
  response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  const type = status === 401 ? PROBLEM_TYPES.unauthorized : PROBLEM_TYPES.forbiddenTenant;
  response.end(JSON.stringify({ type, title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail, instance: QUEUE_BOARD_PATH }));
}
