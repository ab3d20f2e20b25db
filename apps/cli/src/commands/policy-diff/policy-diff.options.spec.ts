import { readPolicyDiffOptions } from './policy-diff.options';

describe("sla policy diff's options", () => {
  it('defaults to the local timer and the key in SLA_API_KEY, every tenant, text', () => {
    expect(readPolicyDiffOptions(['old.yaml', 'new.yaml'], { SLA_API_KEY: 'k' })).toEqual({ oldFile: 'old.yaml', newFile: 'new.yaml', timerUrl: 'http://127.0.0.1:3002', key: 'k', json: false });
  });

  it('takes the timer, key, tenant and --json from the options', () => {
    const options = readPolicyDiffOptions(['o', 'n', '--timer', 'https://timer.example', '--key', 'x', '--tenant', 'chus', '--json'], { SLA_API_KEY: 'k' });
    expect(options).toEqual({ oldFile: 'o', newFile: 'n', timerUrl: 'https://timer.example', key: 'x', tenant: 'chus', json: true });
  });

  it('refuses a missing file, a missing key or a timer that is not an http URL', () => {
    expect(() => readPolicyDiffOptions(['o'], { SLA_API_KEY: 'k' })).toThrow(expect.objectContaining({ code: 'CLI.USAGE' }));
    expect(() => readPolicyDiffOptions(['o', 'n'], {})).toThrow(/SLA_API_KEY/);
    expect(() => readPolicyDiffOptions(['o', 'n', '--timer', 'timer:3002'], { SLA_API_KEY: 'k' })).toThrow(/--timer must be an http/);
  });
});
