import type { Lang } from '../../../shared/api/contract.js';
import type { DoctorReport } from '../../../shared/schemas/doctor.js';
import { currentPlatform } from '../platform.js';
import { extractFacts, toExtracted } from './extract-text.js';
import { normaliseText } from './normalise.js';
import { platformFromDriver } from './platform-guess.js';
import { runRules } from './rules/index.js';

/**
 * `torchlift doctor`: reads pasted text (error logs, nvidia-smi, nvcc, collect_env, pip output, webui-user…,
 * several glued together), extracts what is there and explains what is wrong, in `lang`.
 */
export function doctorText(text: string, lang: Lang, env: Record<string, string | undefined> = process.env): DoctorReport {
  const normal = normaliseText(text);
  const facts = extractFacts(normal);
  const platform = facts.platformSeen ?? platformFromDriver(facts.driverVersion) ?? currentPlatform(env as NodeJS.ProcessEnv);
  const findings = runRules({ lang, platform, text: normal, lines: normal.split('\n'), facts, env, source: 'text', found: new Set() });
  return { extracted: toExtracted(facts), findings };
}
