import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pace } from '@stageplus/testing';
import { createPriorityApp } from './priority.app';
import { readPriorityConfig } from './priority.config';

/** Neither a broker nor a Redis listens here: whatever fails first names itself. */
const nowhere = { KAFKA_BROKERS: '127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent', PORT: '0' };

describe('creating the priority service', () => {
  // ioredis ends a socket that never opened 2 s after `disconnect()`: waited out, so that jest exits at once.
  afterAll(() => pace(2_100));

  it('refuses an invalid POLICY_FILE before it connects to anything', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'priority-policy-')), 'policy.yaml');
    writeFileSync(file, 'version: broken\n');
    await expect(createPriorityApp(readPriorityConfig({ ...nowhere, POLICY_FILE: file }))).rejects.toMatchObject({ name: 'PolicyError', code: 'POLICY.INVALID' });
  });

  it('names the Redis it cannot reach', async () => {
    await expect(createPriorityApp(readPriorityConfig(nowhere))).rejects.toThrow(/^cannot connect to Redis at 127\.0\.0\.1:1: /);
  });
});
