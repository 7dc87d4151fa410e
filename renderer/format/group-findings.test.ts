import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/schemas/finding.js';
import { rtx4070Report } from '../../e2e/support/fixtures/rtx4070-report.js';
import { countBySeverity, groupFindings } from './group-findings.js';

const finding = (over: Partial<Finding>): Finding => ({ code: 'probe-failed', severity: 'info', title: 't', detail: '', fix: '', evidence: [], ...over });

describe('groupFindings', () => {
  it('puts machine-wide findings first, then installs in scan order, errors first', () => {
    const report = rtx4070Report('complete');
    const path = report.installs[0]!.path;
    report.findings = [
      finding({ code: 'cpu-only-torch', severity: 'info', installPath: path }),
      finding({ code: 'driver-too-old', severity: 'error', installPath: path }),
      finding({ code: 'no-nvidia-gpu', severity: 'warning' }),
      finding({ code: 'wrong-environment', installPath: '/elsewhere' }),
    ];
    const groups = groupFindings(report);
    expect(groups.map((g) => g.installPath)).toEqual([null, path, '/elsewhere']);
    expect(groups[1]?.findings.map((f) => f.code)).toEqual(['driver-too-old', 'cpu-only-torch']);
  });

  it('keeps an install group with no findings and drops an empty machine group', () => {
    const report = rtx4070Report('complete');
    report.findings = [];
    expect(groupFindings(report)).toEqual([{ installPath: report.installs[0]!.path, findings: [] }]);
  });

  it('counts by severity', () => {
    expect(countBySeverity([finding({ severity: 'error' }), finding({ severity: 'info' }), finding({ severity: 'info' })])).toEqual({ errors: 1, warnings: 0, infos: 2 });
  });
});
