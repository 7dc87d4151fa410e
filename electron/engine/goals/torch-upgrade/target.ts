import { type MsgParam, msg } from '../../../../shared/i18n/message.js';
import { refusalAt } from '../../i18n/engine-text.js';
import type { DetectReport, Install } from '../../../../shared/schemas/detect.js';
import type { Recommendation, Target } from '../../../../shared/schemas/recommend.js';
import type { TargetOption } from '../../../../shared/schemas/torch-upgrade.js';
import type { Refusal } from '../../../../shared/schemas/tx.js';
import { satisfies as pepSatisfies } from '@renovatebot/pep440';
import { appRequirements } from '../../knowledge/apps.js';
import { lookupComputeCapability } from '../../knowledge/gpu.js';
import { torchRelease } from '../../knowledge/torch.js';
import { xformersRelease } from '../../knowledge/xformers.js';
import { comparePep440 } from '../../knowledge/versions.js';
import { evaluate, mainFailure, withinMaxTorch, type Candidate } from '../../recommend/evaluate.js';
import { reasonMessage } from '../../recommend/messages.js';
import { recommendForInstall, recommendInputForInstall } from '../../recommend/for-install.js';
import { buildTarget, targetLabel } from '../../recommend/target.js';
import { torchIndexBase } from '../../commands/pip.js';
import { type Lang, say } from '../../i18n/translate.js';
import { reasonMsg } from '../../../../shared/i18n/reasons.js';
import type { Msg } from '../../../../shared/i18n/message.js';
import type { Text } from '../../i18n/engine-text.js';
import { um } from './text.js';

/** The build the upgrade installs, what else could be, and why some cannot; or why none can. */
export interface ChosenTarget {
  target: Target | null;
  why: string;
  whyMsg: Msg | null;
  alternatives: TargetOption[];
  rejected: TargetOption[];
  refusals: Refusal[];
  /** The machine has an NVIDIA GPU (CUDA must work after the upgrade). */
  nvidia: boolean;
  /** Messages where the catalog holds the text, else the engine's English (a reason code the UI does not know). */
  notes: Text[];
}

/**
 * With no version asked for: the recommendation (a build with the GPU's architecture, no newer driver than
 * installed, wheels for the install's Python, inside the app's bounds; xformers paired). With `--torch X[+cuNNN]`:
 * that build, checked by the same rules — a rule it breaks is a refusal with its fix (a driver that is too old
 * names the driver needed; TorchLift never installs drivers).
 */
export function chooseTarget(args: { report: DetectReport; install: Install; env: NodeJS.ProcessEnv; torch: string | null; lang: Lang }): ChosenTarget {
  const { report, install, env, lang } = args;
  const rec = recommendForInstall(report, install, env);
  const nvidia = rec.status !== 'no-nvidia-gpu';
  const alternatives = rec.alternatives.map((t) => option(lang, t.torch, t.cudaTag, t.xformers ? um('option.withXformers', { xformers: t.xformers }) : um('option.noXformers')));
  const rejected = rec.rejected.map((r) => option(lang, r.target.replace(/^torch /, ''), r.target.split('+')[1] ?? '', reasonMsg(r.reason) ?? r.message));
  const base = { alternatives, rejected, nvidia, notes: rec.notes.map((n): Text => reasonMsg(n) ?? n.message) };
  if (args.torch === null) return fromRecommendation(rec, base, lang);
  return explicit({ ...args, torch: args.torch }, base);
}

function fromRecommendation(rec: Recommendation, base: Omit<ChosenTarget, 'target' | 'why' | 'whyMsg' | 'refusals'>, lang: Lang): ChosenTarget {
  if (rec.best !== null) return { ...base, target: rec.best, ...why(lang, um('why.recommended')), refusals: [] };
  if (rec.status === 'no-nvidia-gpu') return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'no-nvidia-gpu')] };
  if (rec.status === 'driver-update-needed' && rec.driverUpgrade !== null) {
    const d = rec.driverUpgrade;
    return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'driver-too-old', { torch: d.target.torch, cuda: d.cuda, minDriver: d.minDriver, have: '' })] };
  }
  return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'no-target')] };
}

function explicit(args: { report: DetectReport; install: Install; env: NodeJS.ProcessEnv; torch: string; lang: Lang }, base: Omit<ChosenTarget, 'target' | 'why' | 'whyMsg' | 'refusals'>): ChosenTarget {
  const { lang } = args;
  const [version, tag] = args.torch.split('+') as [string, string | undefined];
  const row = torchRelease(version);
  if (row === null) return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'unknown-torch', { torch: args.torch })] };
  const input = recommendInputForInstall(args.report, args.install, args.env);
  if (!base.nvidia && tag !== undefined && tag !== 'cpu') return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'no-nvidia-gpu')] };
  const looked = input.gpuCc === null && input.gpuName !== null ? lookupComputeCapability(input.gpuName) : null;
  const cc = input.gpuCc ?? looked?.cc ?? null;
  const app = appRequirements(input.app);
  const variants = row.variants.filter((v) => (tag === undefined ? true : v.tag === tag));
  if (variants.length === 0) return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'unknown-variant', { torch: version, tag: tag ?? '' })] };
  if (cc === null) {
    return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'gpu-unknown')] };
  }
  const ctx = { platform: input.platform, cc, driverVersion: input.driverVersion, pythonVersion: input.pythonVersion, app: input.app, minTorch: app?.minTorch ?? null };
  const cands = variants.map((v) => evaluate(row, v, ctx)).sort((a, b) => comparePep440(b.variant.cuda, a.variant.cuda));
  const ok = cands.find((c) => c.failures.length === 0);
  const toTarget = (c: Candidate): Target => buildTarget(c, { indexBase: torchIndexBase(args.env), withTorchaudio: app?.needsTorchaudio ?? false });
  if (ok !== undefined) {
    // A build newer than the app is known to run is installed as asked (the user chose it), with the app's bound said.
    const above = app?.maxTorch != null && !withinMaxTorch(ok.row.version, app.maxTorch);
    const notes = above ? [...base.notes, um('note.above-app-bound', {
      app: msg(`ui:scan.kinds.${input.app}`),
      max: app?.maxTorch ?? '', source: app?.bounds?.max?.source ?? app?.source ?? '', torch: `${ok.row.version}+${ok.variant.tag}`,
    })] : base.notes;
    return { ...base, notes, target: toTarget(ok), ...why(lang, um('why.asked', { torch: `${ok.row.version}+${ok.variant.tag}` })), refusals: [] };
  }
  const first = cands[0] as Candidate;
  const reason = mainFailure(first);
  if (reason?.code === 'needs-driver') {
    return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'driver-too-old', { torch: targetLabel(first).replace(/^torch /, ''), cuda: first.variant.cuda, minDriver: reason.params.minDriver ?? '?', have: reason.params.have ?? '' })] };
  }
  if (reason?.code === 'gpu-too-new' || reason?.code === 'gpu-too-old' || reason?.code === 'arch-unknown') {
    return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'arch-missing', { torch: targetLabel(first).replace(/^torch /, ''), cc, detail: reasonMessage(reason) })] };
  }
  if (reason?.code === 'python-unsupported') {
    return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'no-wheel-for-python', { torch: first.row.version, python: input.pythonVersion ?? '?' })] };
  }
  return { ...base, target: null, why: '', whyMsg: null, refusals: [refusal(lang, 'build-rejected', { torch: targetLabel(first).replace(/^torch /, ''), detail: reason ? reasonMessage(reason) : '' })] };
}

/** The xformers the plan installs: asked for, kept, none, or the one that pairs with the target (or dropped). */
export function chooseXformers(args: { asked: string | null; current: string | null; target: Target; lang: Lang; launcherWantsXformers: boolean }): {
  version: string | null; action: 'install' | 'keep' | 'drop' | 'none'; reason: Msg | null; refusals: Refusal[];
} {
  const { asked, current, target, lang } = args;
  if (asked === 'none') return { version: null, action: current === null ? 'none' : 'drop', reason: current === null ? null : um('xformers.asked-none'), refusals: [] };
  if (asked === 'keep') {
    if (current === null) return { version: null, action: 'none', reason: null, refusals: [] };
    const builtFor = xformersRelease(current)?.torch ?? null;
    if (builtFor !== null && !pairs(builtFor, target.torch)) {
      return { version: current, action: 'keep', reason: null, refusals: [refusal(lang, 'xformers-keep-mismatch', { xformers: current, builtFor, torch: target.torch })] };
    }
    return { version: current, action: 'keep', reason: null, refusals: [] };
  }
  if (asked !== null) {
    const builtFor = xformersRelease(asked)?.torch ?? null;
    if (builtFor !== null && !pairs(builtFor, target.torch)) {
      return { version: null, action: 'none', reason: null, refusals: [refusal(lang, 'xformers-mismatch', { xformers: asked, builtFor, torch: target.torch })] };
    }
    return { version: asked, action: 'install', reason: null, refusals: [] };
  }
  if (target.xformers !== null) return { version: target.xformers, action: 'install', reason: null, refusals: [] };
  if (current === null && !args.launcherWantsXformers) return { version: null, action: 'none', reason: null, refusals: [] };
  // No xformers build pairs with this torch: drop it (an old xformers would fail to load or drag torch back).
  const reason = um(args.launcherWantsXformers ? 'xformers.dropped-flagged' : 'xformers.dropped', { torch: target.torch });
  return { version: null, action: current === null ? 'none' : 'drop', reason, refusals: [] };
}

/** True when torch `version` (local tag ignored) satisfies an xformers release's torch specifier ("==2.1.2", ">=2.10"). */
function pairs(spec: string, version: string): boolean {
  try {
    return pepSatisfies(version.split('+')[0] ?? version, spec);
  } catch {
    return false;
  }
}

/** Why a target: the text in `lang` and its message. */
function why(lang: Lang, m: Msg): { why: string; whyMsg: Msg } {
  return { why: say(lang, m), whyMsg: m };
}

/** An option the user may pick or that was ruled out, its note in `lang` with the message beside (none for raw English). */
function option(lang: Lang, torch: string, variant: string, note: Text): TargetOption {
  return typeof note === 'string' ? { torch, variant, note } : { torch, variant, note: say(lang, note), noteMsg: note };
}

function refusal(lang: Lang, code: string, params: Record<string, MsgParam> = {}): Refusal {
  return refusalAt(lang, code, `torch-upgrade:refusal.${code}`, params);
}

export { refusal as upgradeRefusal };
