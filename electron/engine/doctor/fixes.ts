import type { Finding } from '../../../shared/schemas/finding.js';
import { t } from '../i18n/translate.js';
import { cmdMayAlter, pipInstallCommand } from './commands.js';
import { joinSentences } from './make-finding.js';
import { type RuleContext, pythonForCommands } from './rule-context.js';
import type { TorchBuild } from './targets.js';

/** `python -m pip install torch==X+cuYYY torchvision==Z+cuYYY --index-url …/cuYYY` for a build. */
export function torchBuildCommand(ctx: RuleContext, build: TorchBuild): string {
  return pipInstallCommand({
    python: pythonForCommands(ctx),
    platform: ctx.platform,
    packages: [{ name: 'torch', version: build.torch }, ...(build.torchvision ? [{ name: 'torchvision', version: build.torchvision }] : [])],
    cudaTag: build.cudaTag,
    torchVersion: build.torch,
    env: ctx.env,
  });
}

/** The first evidence lines stored under the given fact keys. */
export function factEvidence(ctx: RuleContext, ...keys: Parameters<typeof pick>[1][]): string[] {
  return keys.flatMap((k) => pick(ctx, k));
}

function pick(ctx: RuleContext, key: keyof RuleContext['facts']['evidence']): string[] {
  return ctx.facts.evidence[key] ?? [];
}

/** Adds a note to fixes whose command shows a Python path that cmd.exe may change inside quotes (`%`, `!`). */
export function withCommandNote(ctx: RuleContext, findings: Finding[]): Finding[] {
  const python = pythonForCommands(ctx);
  if (!cmdMayAlter(python, ctx.platform)) return findings;
  const note = t(ctx.lang, 'commandNotes.cmdMayAlter', { python });
  return findings.map((f) => (f.fix.includes(python) ? { ...f, fix: joinSentences(ctx.lang, [f.fix, note]) } : f));
}
