import { PolicyError } from '../policy-error';
import type { PolicyIssue } from '../policy-error';
import { defaultPolicyText, editedPolicyText, fixturePath } from '../testing/policy-text';
import { loadPolicyFile } from './load-policy-file';
import { parsePolicy } from './parse-policy';

/** The PolicyError that loading `text` throws. */
function rejectionOf(text: string, source = 'policy.yaml'): PolicyError {
  try {
    parsePolicy(text, source);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

function issueAt(error: PolicyError, path: string): PolicyIssue | undefined {
  return error.issues.find((issue) => issue.path === path);
}

describe('parsePolicy', () => {
  it('accepts the default policy text under any source name', () => {
    expect(parsePolicy(defaultPolicyText(), 'copy.yaml').source).toBe('copy.yaml');
  });

  it("rejects a copy of the contract's literal table, naming the file, the path, the line and the rule", () => {
    const path = fixturePath('contract-literal-policy.yaml');
    let error: unknown;
    try {
      loadPolicyFile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const rejection = error as PolicyError;
    expect(rejection.code).toBe('POLICY.INVALID');
    expect(rejection.issues).toEqual([
      expect.objectContaining({ path: 'targets.BASE.P3.resolution', rule: 'POLICY.RESOLUTION_SHORTER_THAN_RESPONSE', line: 27 }),
    ]);
    expect(rejection.message).toContain(`${path}:27 targets.BASE.P3.resolution`);
    expect(rejection.message).toContain('POLICY.RESOLUTION_SHORTER_THAN_RESPONSE');
    expect(rejection.message).toMatch(/resolution 4h is shorter than response 8h: a ticket cannot be due resolved before/);
  });

  it('rejects a matrix with a missing cell', () => {
    const error = rejectionOf(editedPolicyText(['4: [P3, P4, P4, P4]', '4: [P3, P4, P4]']));
    expect(issueAt(error, 'matrix.4')).toEqual(
      expect.objectContaining({ rule: 'POLICY.MATRIX_CELL_MISSING', message: expect.stringMatching(/impact 4, urgency 4 has no priority/) }),
    );
  });

  it('rejects a matrix without a row, or with a cell that is not a priority', () => {
    const error = rejectionOf(editedPolicyText(['  3: [P2, P3, P4, P4] # impact 3 Modéré\n', ''], ['1: [P1, P2, P2, P3]', '1: [P1, P2, P5, P3]']));
    expect(issueAt(error, 'matrix.3')?.rule).toBe('POLICY.MATRIX_CELL_MISSING');
    expect(issueAt(error, 'matrix.1[2]')?.rule).toBe('POLICY.MATRIX_CELL_INVALID');
  });

  it('rejects a plan that lacks a priority, and a priority that lacks a clock', () => {
    const error = rejectionOf(
      editedPolicyText(['    P4: { response: 8h, resolution: 5j }\n', ''], ['P2: { response: 2h, resolution: 2j }', 'P2: { resolution: 2j }']),
    );
    expect(issueAt(error, 'targets.PLUS.P4')?.rule).toBe('POLICY.TARGET_MISSING');
    expect(issueAt(error, 'targets.BASE.P2.response')?.rule).toBe('POLICY.TARGET_MISSING');
  });

  it.each([
    ['2 jours', 'POLICY.INVALID_DURATION'],
    ['16', 'POLICY.INVALID_DURATION'],
    ['0h', 'POLICY.DURATION_NOT_POSITIVE'],
  ])('rejects the duration %j with %s', (duration, rule) => {
    const error = rejectionOf(editedPolicyText(['P2: { response: 2h, resolution: 2j }', `P2: { response: 2h, resolution: ${duration} }`]));
    expect(issueAt(error, 'targets.BASE.P2.resolution')?.rule).toBe(rule);
  });

  it('rejects a target or a tenant that names an undefined calendar', () => {
    const error = rejectionOf(editedPolicyText(['calendar: 24x7 }', 'calendar: 24-7 }'], ['calendar: laval\n', 'calendar: lavall\n']));
    expect(issueAt(error, 'targets.PLUS.P1.calendar')).toEqual(
      expect.objectContaining({ rule: 'POLICY.UNKNOWN_CALENDAR', message: expect.stringContaining('"24-7" is not defined') }),
    );
    expect(issueAt(error, 'tenants.cisss-laval.calendar')?.rule).toBe('POLICY.UNKNOWN_CALENDAR');
  });

  it('rejects targets without a calendar when no "business" calendar is defined', () => {
    const error = rejectionOf(editedPolicyText(['  business:\n    type: business', '  bureau:\n    type: business']));
    expect(issueAt(error, 'targets.BASE.P1')).toEqual(
      expect.objectContaining({ rule: 'POLICY.UNKNOWN_CALENDAR', message: expect.stringContaining('"business" (targets without a calendar use it)') }),
    );
  });

  it('turns a calendar the calendar library refuses into a policy issue at its key', () => {
    const error = rejectionOf(editedPolicyText(['timeZone: America/Toronto', 'timeZone: America/Montréal']));
    expect(issueAt(error, 'calendars.business.timeZone')).toEqual(
      expect.objectContaining({ rule: 'POLICY.INVALID_CALENDAR', message: expect.stringContaining('calendar "business" is refused') }),
    );
  });

  it('rejects opening hours and closure dates it cannot read', () => {
    const error = rejectionOf(editedPolicyText(['mon..fri: 08:00-17:00', 'lun..ven: 08:00-17:00'], ['date: 2026-12-26', 'date: 26/12/2026']));
    expect(issueAt(error, 'calendars.laval.week.lun..ven')?.rule).toBe('POLICY.INVALID_CALENDAR');
    expect(issueAt(error, 'calendars.laval.closures[1].date')?.rule).toBe('POLICY.INVALID_DATE');
  });

  it('reports a YAML syntax error with its line', () => {
    const error = rejectionOf('version: x\neffectiveDate: 2023-12-08\nmatrix: [P1, P2\n  1: P1\n', 'broken.yaml');
    expect(error.issues[0]).toEqual(expect.objectContaining({ path: '', rule: 'POLICY.YAML_SYNTAX', line: expect.any(Number) }));
    expect(error.message).toMatch(/^Invalid SLA policy broken\.yaml/);
    expect(error.message).toContain(`broken.yaml:${error.issues[0].line}`);
  });

  it('reports a key written twice as a YAML syntax error', () => {
    const error = rejectionOf(editedPolicyText(['businessDay: 8h', 'businessDay: 8h\nbusinessDay: 7h']));
    expect(error.issues).toEqual([expect.objectContaining({ rule: 'POLICY.YAML_SYNTAX', line: 14 })]);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(rejectionOf('').issues[0].rule).toBe('POLICY.INVALID_TYPE');
    expect(rejectionOf('- P1\n- P2\n').issues[0].rule).toBe('POLICY.INVALID_TYPE');
  });

  it('requires a version and an effective date that is a real date', () => {
    const error = rejectionOf(editedPolicyText(['version: stageplus-2023-12-08\n', ''], ['effectiveDate: 2023-12-08', 'effectiveDate: 2023-13-08']));
    expect(issueAt(error, 'version')?.rule).toBe('POLICY.MISSING_KEY');
    expect(issueAt(error, 'effectiveDate')?.rule).toBe('POLICY.INVALID_DATE');
  });

  it('asks to quote a version YAML reads as a number, and locates a missing top-level key nowhere', () => {
    const error = rejectionOf(editedPolicyText(['version: stageplus-2023-12-08', 'version: 1.10'], ['effectiveDate: 2023-12-08\n', '']));
    expect(issueAt(error, 'version')).toEqual(
      expect.objectContaining({ rule: 'POLICY.INVALID_TYPE', line: 9, message: 'expected text, found 1.1 (write "1.1" in quotes)' }),
    );
    expect(issueAt(error, 'effectiveDate')).toEqual(expect.objectContaining({ rule: 'POLICY.MISSING_KEY', line: undefined }));
  });

  it('rejects unknown keys, so that a typo is not silently ignored', () => {
    const error = rejectionOf(editedPolicyText(['pauseStatuses:', 'pauseStatus:']));
    expect(issueAt(error, 'pauseStatus')?.rule).toBe('POLICY.UNKNOWN_KEY');
  });

  it('rejects a business day given in days or longer than a day', () => {
    expect(issueAt(rejectionOf(editedPolicyText(['businessDay: 8h', 'businessDay: 1j'])), 'businessDay')?.rule).toBe('POLICY.INVALID_BUSINESS_DAY');
    expect(issueAt(rejectionOf(editedPolicyText(['businessDay: 8h', 'businessDay: 25h'])), 'businessDay')?.rule).toBe('POLICY.INVALID_BUSINESS_DAY');
  });

  it('applies businessDay to every day notation', () => {
    const policy = parsePolicy(editedPolicyText(['businessDay: 8h', 'businessDay: 7h30min']), 'p.yaml');
    expect(policy.targets.BASE.P3.resolution.durationMs).toBe(4 * 7.5 * 3_600_000);
  });

  it('checks thresholds: positive unique percents, one breach at 100 %, levels on escalations only', () => {
    const error = rejectionOf(
      editedPolicyText(
        ['{ percent: 50, event: sla.escalated, level: 1 }', '{ percent: 0, event: sla.escalated }'],
        ['{ percent: 75, event: sla.escalated, level: 2 }', '{ percent: 150, event: sla.breached, level: 2 }'],
        ['{ percent: 100, event: sla.breached }', '{ percent: 100, event: sla.escalated, level: 4 }'],
      ),
    );
    expect(error.issues.map((issue) => [issue.path, issue.rule])).toEqual([
      ['thresholds[0].percent', 'POLICY.THRESHOLD_PERCENT_NOT_POSITIVE'],
      ['thresholds[0]', 'POLICY.THRESHOLD_LEVEL_MISSING'],
      ['thresholds[1].percent', 'POLICY.THRESHOLD_BREACH_NOT_AT_100'],
      ['thresholds[1].level', 'POLICY.THRESHOLD_LEVEL_ON_BREACH'],
      ['thresholds[3].percent', 'POLICY.THRESHOLD_PERCENT_DUPLICATE'],
    ]);
  });

  it('requires exactly one breach threshold', () => {
    const none = rejectionOf(editedPolicyText(['  - { percent: 100, event: sla.breached }\n', '']));
    expect(issueAt(none, 'thresholds')?.rule).toBe('POLICY.THRESHOLD_BREACH_MISSING');
  });

  it('rejects an unknown plan for a tenant, as default, or in the targets', () => {
    const error = rejectionOf(
      editedPolicyText(['defaultPlan: BASE', 'defaultPlan: FREE'], ['    plan: PLUS', '    plan: GOLD'], ['  PLUS: #', '  GOLD:\n    P1: { response: 1h, resolution: 1h }\n  PLUS: #']),
    );
    expect(issueAt(error, 'defaultPlan')?.rule).toBe('POLICY.UNKNOWN_PLAN');
    expect(issueAt(error, 'tenants.chu-sainte-justine.plan')?.rule).toBe('POLICY.UNKNOWN_PLAN');
    expect(issueAt(error, 'targets.GOLD')?.rule).toBe('POLICY.UNKNOWN_PLAN');
  });

  it('reports every issue of a file at once, in file order, each with its line', () => {
    const path = fixturePath('many-issues-policy.yaml');
    let error: PolicyError | undefined;
    try {
      loadPolicyFile(path);
    } catch (caught) {
      error = caught as PolicyError;
    }
    expect(error?.issues.map((issue) => [issue.path, issue.rule])).toEqual([
      ['effectiveDate', 'POLICY.INVALID_DATE'],
      ['calendars.business.week.mon..fri', 'POLICY.INVALID_CALENDAR'],
      ['matrix.4', 'POLICY.MATRIX_CELL_MISSING'],
      ['targets.BASE.P2.resolution', 'POLICY.INVALID_DURATION'],
      ['targets.BASE.P3.resolution', 'POLICY.RESOLUTION_SHORTER_THAN_RESPONSE'],
      ['targets.PLUS.P4', 'POLICY.TARGET_MISSING'],
      ['targets.PLUS.P1.calendar', 'POLICY.UNKNOWN_CALENDAR'],
      ['targets.PLUS.P3.resolutoin', 'POLICY.UNKNOWN_KEY'],
      ['targets.PLUS.P3.resolution', 'POLICY.TARGET_MISSING'],
      ['thresholds[0]', 'POLICY.THRESHOLD_LEVEL_MISSING'],
      ['thresholds[2].percent', 'POLICY.THRESHOLD_PERCENT_DUPLICATE'],
      ['tenants.cisss-laval.plan', 'POLICY.UNKNOWN_PLAN'],
      ['tenants.cisss-laval.calendar', 'POLICY.UNKNOWN_CALENDAR'],
    ]);
    expect(error?.issues.every((issue) => typeof issue.line === 'number')).toBe(true);
    expect(error?.message).toMatch(/^Invalid SLA policy .*many-issues-policy\.yaml \(13 issues\):/);
  });
});

describe('loadPolicyFile', () => {
  it('reports a file it cannot read with POLICY.FILE_UNREADABLE, naming the file', () => {
    expect(() => loadPolicyFile('/nonexistent/policy.yaml')).toThrow(
      expect.objectContaining({ code: 'POLICY.FILE_UNREADABLE', message: expect.stringContaining('/nonexistent/policy.yaml') }),
    );
  });
});
