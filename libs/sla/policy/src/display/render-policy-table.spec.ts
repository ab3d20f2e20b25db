import { loadDefaultPolicy } from '../default-policy';
import { renderPolicyTable } from './render-policy-table';

describe('renderPolicyTable', () => {
  const policy = loadDefaultPolicy();

  it("shows the policy in French with the contract's labels", () => {
    const text = renderPolicyTable(policy, 'fr');
    for (const label of ['1. Étendu', '2. Important', '3. Modéré', '4. Mineur', '1. Critique', '2. Élevée', '3. Moyenne', '4. Faible']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Politique SLA stageplus-2023-12-08, en vigueur le 2023-12-08');
    expect(text).toMatch(/^P3 +8h +4j \(32h\) +heures ouvrables$/m);
    expect(text).toMatch(/^P1 +30min +4h +24x7$/m);
    expect(text).toMatch(/^100 % +sla\.breached +-$/m);
    expect(text).toContain('Statuts qui suspendent la résolution : pending_customer');
  });

  it('shows the policy in English', () => {
    const text = renderPolicyTable(policy, 'en');
    for (const label of ['1. Extensive', '2. Significant', '3. Moderate', '4. Minor', '1. Critical', '2. High', '3. Medium', '4. Low']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('SLA policy stageplus-2023-12-08, effective 2023-12-08');
    expect(text).toMatch(/^P3 +8h +4j \(32h\) +business hours$/m);
    expect(text).toMatch(/^50% +sla\.escalated +level 1 \(warning\)$/m);
    expect(text).toMatch(/^cisss-laval +CISSS de Laval +BASE +laval$/m);
  });

  it('aligns the matrix columns', () => {
    const lines = renderPolicyTable(policy, 'en').split('\n');
    const header = lines.find((line) => line.startsWith('Impact \\ Urgency')) as string;
    const row = lines.find((line) => line.startsWith('2. Significant')) as string;
    expect(row.indexOf('P3')).toBe(header.indexOf('3. Medium'));
  });
});
