import type { Lang } from '../../../shared/api/contract.js';
import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import type { Finding, FindingCode } from '../../../shared/schemas/finding.js';
import { recommendForInstall } from '../recommend/for-install.js';
import type { DoctorFacts } from './facts.js';
import { installFacts, systemFacts } from './report-facts.js';
import type { RuleContext } from './rule-context.js';
import { runRules } from './rules/index.js';

/** Findings about the machine as a whole; reported once, not per install. */
const SYSTEM_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['no-nvidia-gpu', 'driver-not-installed', 'driver-not-loaded', 'driver-library-mismatch']);

function context(lang: Lang, report: DetectReport, facts: DoctorFacts, env: Record<string, string | undefined>, install: Install | null): RuleContext {
  // Fixes offer the install's recommendation (the same one detect shows on its card).
  const recommendation = install === null ? null : (install.recommendation ?? recommendForInstall(report, install, env));
  return { lang, platform: report.platform, text: '', lines: [], facts, env, source: 'report', found: new Set(), recommendation };
}

/** `detect`'s findings: the machine's (driver, GPU) once, then each install's with `installPath` set. */
export function diagnoseReport(report: DetectReport, lang: Lang, env: Record<string, string | undefined> = process.env): Finding[] {
  const system = runRules(context(lang, report, systemFacts(report), env, null)).filter((f) => SYSTEM_CODES.has(f.code));
  const seen = new Set(system.map((f) => f.code));
  const perInstall = report.installs.flatMap((install) =>
    runRules(context(lang, report, installFacts(report, install), env, install))
      .filter((f) => !SYSTEM_CODES.has(f.code) || !seen.has(f.code))
      .map((f) => (SYSTEM_CODES.has(f.code) ? f : { ...f, installPath: install.path })),
  );
  const nonNvidia = system.some((f) => f.code === 'no-nvidia-gpu');
  return [...system, ...perInstall.filter((f) => !(nonNvidia && f.code !== 'no-nvidia-gpu' && SYSTEM_CODES.has(f.code)))];
}
