import type { Lang } from '../../../shared/api/contract.js';
import type { Platform } from '../../../shared/schemas/detect.js';
import type { Finding, FindingCode } from '../../../shared/schemas/finding.js';
import type { Recommendation } from '../../../shared/schemas/recommend.js';
import type { DoctorFacts } from './facts.js';

/** What every rule receives. */
export interface RuleContext {
  lang: Lang;
  /** Best guess of the OS the facts come from (never null: falls back to the host). */
  platform: Platform;
  /** Normalised pasted text ('' when diagnosing a detect report). */
  text: string;
  lines: string[];
  facts: DoctorFacts;
  env: Record<string, string | undefined>;
  source: 'text' | 'report';
  /** Codes already found by earlier rules (rules run in a fixed order). */
  found: Set<FindingCode>;
  /**
   * The install's recommendation (detect's card) when diagnosing a report; null for the machine-wide pass.
   * Left out for pasted text: recommended-fix.ts computes one from the facts when they are enough.
   */
  recommendation?: Recommendation | null;
}

/** One rule: a finding, or null when it does not apply. */
export type Rule = (ctx: RuleContext) => Finding | null;

/** The first line of the text matching a pattern, else null. */
export function firstLine(ctx: RuleContext, pattern: RegExp): string | null {
  return ctx.lines.find((l) => pattern.test(l)) ?? null;
}

/**
 * The interpreter every command shows: the install's own Python (the scan's, or the one the log names), else the
 * interpreter of the app's own environment relative to its folder (python_embeded for ComfyUI portable, the venv
 * otherwise). Never a bare `python`, which on Windows is the system Python or the Store stub.
 */
export function pythonForCommands(ctx: RuleContext): string {
  if (ctx.facts.pythonPath) return ctx.facts.pythonPath;
  const windows = ctx.platform === 'windows';
  if (/python_embeded/i.test(ctx.text) || ctx.facts.installKind === 'comfyui-portable') {
    return windows ? 'python_embeded\\python.exe' : 'python_embeded/python';
  }
  if (ctx.facts.installKind === 'aki') return windows ? 'py310\\python.exe' : 'py310/python';
  return windows ? 'venv\\Scripts\\python.exe' : 'venv/bin/python';
}

/** True when an NVIDIA GPU or driver is visible in the facts. */
export function nvidiaSeen(facts: DoctorFacts): boolean {
  return (
    facts.driverVersion !== null ||
    facts.maxCudaVersion !== null ||
    facts.gpus.some((g) => /nvidia|geforce|quadro|tesla|titan|\brtx\b|\bgtx\b|^[AHLBTVP]\d{1,3}\b/i.test(g.name))
  );
}
