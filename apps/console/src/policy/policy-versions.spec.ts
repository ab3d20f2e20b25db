import { readFileSync } from 'node:fs';
import { appendVersion, DEFAULT_POLICY_PATH, parsePolicy, singleVersionHistory } from '@stageplus/sla-policy';
import { policyVersionsOf } from './policy-versions';

const bundled = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
const edited = (version: string, extra = ''): string => bundled.replace('version: stageplus-2023-12-08', `version: ${version}${extra}`);

describe('the policy versions as the console shows them', () => {
  it('given a version that always existed, then it is in force and its publication is null', () => {
    const view = policyVersionsOf(singleVersionHistory(parsePolicy(bundled, 'bundled')));
    expect(view).toEqual({ version: 'stageplus-2023-12-08', history: [{ version: 'stageplus-2023-12-08', effectiveDate: '2023-12-08', publishedAt: null }] });
  });

  it('given a correction published after it, then the correction is in force and listed first, naming what it replaces', () => {
    const first = { policy: parsePolicy(bundled, 'v1'), publishedAt: Date.parse('2026-01-05T14:00:00Z') };
    const correction = { policy: parsePolicy(edited('v2', '\nreplaces: stageplus-2023-12-08'), 'v2'), publishedAt: Date.parse('2026-02-01T09:30:00Z') };
    const history = appendVersion({ versions: [first] }, correction);
    expect(policyVersionsOf(history)).toEqual({
      version: 'v2',
      history: [
        { version: 'v2', effectiveDate: '2023-12-08', publishedAt: '2026-02-01T09:30:00.000Z', replaces: 'stageplus-2023-12-08' },
        { version: 'stageplus-2023-12-08', effectiveDate: '2023-12-08', publishedAt: '2026-01-05T14:00:00.000Z' },
      ],
    });
  });
});
