import type { DetectReport } from '../../shared/schemas/detect.js';
import type { Finding } from '../../shared/schemas/finding.js';

/** Findings for one heading: the machine as a whole (installPath null) or one install. */
export interface FindingGroup {
  installPath: string | null;
  findings: Finding[];
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Groups a report's findings: machine-wide first, then one group per install in scan order (even those with
 * no findings, so the user sees "no problems" there), then any path the scan did not list; errors first within each.
 */
export function groupFindings(report: DetectReport): FindingGroup[] {
  const byPath = new Map<string | null, Finding[]>([[null, []]]);
  for (const install of report.installs) byPath.set(install.path, []);
  for (const f of report.findings) {
    const key = f.installPath ?? null;
    const list = byPath.get(key) ?? [];
    list.push(f);
    byPath.set(key, list);
  }
  return [...byPath.entries()]
    .filter(([path, list]) => path !== null || list.length > 0)
    .map(([installPath, findings]) => ({ installPath, findings: [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]) }));
}

/** How many findings of each severity. */
export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}
