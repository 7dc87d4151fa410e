import type { Lang } from '../../../shared/api/contract.js';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import type { DoctorReport } from '../../../shared/schemas/doctor.js';
import { currentPlatform } from '../platform.js';
import { extractFacts, toExtracted } from './extract-text.js';
import { addMachineFacts } from './machine-facts.js';
import { normaliseText } from './normalise.js';
import { platformFromDriver } from './platform-guess.js';
import type { RuleContext } from './rule-context.js';
import { runRules } from './rules/index.js';

/** Optional second source: the last scan of this machine (the paste box runs on it). */
export interface DoctorTextOptions {
  machine?: DetectReport | null;
}

/**
 * `torchlift doctor`: reads pasted text (error logs, nvidia-smi, nvcc, collect_env, pip output, webui-user…,
 * several glued together), extracts what is there and explains what is wrong, in `lang`. With `machine` (the last
 * scan), what the paste does not say is taken from the scan (machine-facts.ts); `extracted` stays what the text says.
 */
export function doctorText(
  text: string,
  lang: Lang,
  env: Record<string, string | undefined> = process.env,
  options: DoctorTextOptions = {},
): DoctorReport {
  const normal = normaliseText(text);
  const facts = extractFacts(normal);
  const extracted = toExtracted(facts);
  const machine = options.machine ? addMachineFacts(facts, options.machine, normal, env) : null;
  // Commands run on the scanned machine when the paste comes from one of its installs: its platform decides quoting.
  const platform = (machine?.install ? options.machine?.platform : undefined) ?? facts.platformSeen ?? platformFromDriver(facts.driverVersion) ?? currentPlatform(env as NodeJS.ProcessEnv);
  const ctx: RuleContext = { lang, platform, text: normal, lines: normal.split('\n'), facts, env, source: 'text', found: new Set() };
  if (machine?.recommendation) ctx.recommendation = machine.recommendation;
  return { extracted, findings: runRules(ctx) };
}
