import type { Finding } from '../../../shared/schemas/finding.js';
import { type PipCommand, cmdMayAlter } from '../commands/pip.js';
import { type CommandTarget, torchInstallCommand, xformersInstallCommand } from '../commands/torch-install.js';
import { t } from '../i18n/translate.js';
import { archListFor, buildRunsOnCc } from '../knowledge/arch.js';
import { driverLoadsCuda } from '../knowledge/driver.js';
import { cudaTagToVersion } from '../knowledge/versions.js';
import { joinSentences } from './make-finding.js';
import { type RuleContext, pythonForCommands } from './rule-context.js';
import type { TorchBuild } from './targets.js';

/** Where the doctor's commands run: the install's interpreter, the platform's shell, the configured indexes. */
export function commandTarget(ctx: RuleContext): CommandTarget {
  return { python: pythonForCommands(ctx), platform: ctx.platform, env: ctx.env };
}

/** `<python> -m pip install torch==X+cuYYY torchvision==Z+cuYYY --index-url …/cuYYY` for a build (commands/torch-install.ts). */
export function torchBuildCommand(ctx: RuleContext, build: TorchBuild, flags: string[] = []): PipCommand {
  return torchInstallCommand({ torch: build.torch, torchvision: build.torchvision, cudaTag: build.cudaTag }, commandTarget(ctx), flags);
}

/**
 * The build when the machine can run it: the facts' driver loads its CUDA (natively or through minor-version
 * compatibility) and the facts' GPU is in its arch list; null otherwise (and always on a scanned machine without an
 * NVIDIA GPU), so no fix offers a build that would leave CUDA unusable. Unknown driver or GPU: not ruled out.
 */
export function runnableBuild(ctx: RuleContext, build: TorchBuild | null): TorchBuild | null {
  if (build === null) return null;
  const f = ctx.facts;
  // A machine without an NVIDIA GPU runs no CUDA build: no command installs one there.
  if (f.noNvidiaOnMachine === true) return null;
  if (f.driverVersion !== null && driverLoadsCuda(f.driverVersion, build.cuda || cudaTagToVersion(build.cudaTag) || '', ctx.platform) === 'no') return null;
  const cc = f.gpus.find((g) => g.computeCapability !== null)?.computeCapability ?? null;
  if (cc !== null) {
    const archs = archListFor(build.torch, build.cudaTag, ctx.platform === 'macos' ? 'linux' : ctx.platform);
    if (archs !== null && !buildRunsOnCc(archs.archs, cc)) return null;
  }
  return build;
}

/** `<python> -m pip install --no-deps xformers==X` from the build's index (or PyPI, named, when it is not there). */
export function xformersCommand(ctx: RuleContext, version: string, cudaTag: string | null, onTorchIndex: boolean): PipCommand {
  return xformersInstallCommand(version, cudaTag, onTorchIndex, commandTarget(ctx));
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
