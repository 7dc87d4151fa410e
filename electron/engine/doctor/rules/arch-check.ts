import { compareVersions } from '../../../../shared/versions.js';
import { archFit, archListFor, archSpan, buildRunsOnCc } from '../../knowledge/arch.js';
import { torchRelease } from '../../knowledge/torch.js';
import { parseTorchVersion } from '../../parsers/torch-version.js';
import { smToCc } from '../gpu-mentions.js';
import { linesMatching } from '../normalise.js';
import type { RuleContext } from '../rule-context.js';

/** Whether the GPU is newer or older than what the torch build carries, with the facts for the message. */
export interface ArchVerdict {
  /** 'unknown': "no kernel image" with neither the GPU nor the build known (the fix asks for nvidia-smi). */
  kind: 'newer' | 'older' | 'unknown';
  gpu: string;
  cc: string;
  archs: string[];
  detailKey: 'detail' | 'detailNoKernel' | 'detailMessage' | 'detailTooOld' | 'detailComplaint' | 'detailNoKernelBuild' | 'detailNoKernelUnknown';
  /** The verdict is read from the build's arch list alone (the GPU is not named): likely, not certain. */
  guessed?: boolean;
  min?: string;
  evidence: string[];
}

const NOT_COMPATIBLE = /with CUDA capability (sm_\d+) is not compatible|\b(sm_\d{2,3}) (?:is )?not (?:supported|compatible)\b/i;
// torch ≥ 2.7's own range: "Minimum and Maximum cuda capability supported by this version of PyTorch is (7.0) - (12.0)".
const MIN_MAX = /Minimum and Maximum cuda capability supported by this version of PyTorch is\s*\((\d+\.\d+)\)\s*-\s*\((\d+\.\d+)\)/i;
const TOO_OLD = /which is of cuda capability (\d+\.\d+)[\s\S]{0,120}?too old[\s\S]{0,120}?minimum cuda capability (?:supported by this library |that we support )?is (\d+\.\d+)/i;
// Old torch releases print the warning without the minimum: "…which is of cuda capability 2.1. PyTorch no longer
// supports this GPU because it is too old."
const TOO_OLD_BARE = /which is of cuda capability (\d+\.\d+)[\s\S]{0,120}?no longer supports this GPU because it is too old/i;
const NO_KERNEL = /no kernel image is available(?: for execution on the device)?/i;
// A Blackwell GPU named with a complaint and no error text ("a 5080 … ComfyUI does not support the 50XX series",
// "crashes with the new RTX 50XX Series"): most often the app's torch predates the GPU. Not when the text shows
// another cause (out of memory, a DLL that does not load, a CPU torch, an old driver).
const COMPLAINT = /\b(?:does ?n[o']t|do not|not|no longer|won'?t|can'?t)\s(?:support|compatible|work|run)\w*|\bunsupported\b|\bcrash(?:es|ed|ing)?\b|\bnot runn?able\b|不支持|不兼容|用不了|无法使用|不能用|動かない|対応していない|使えない/i;
const OTHER_CAUSE = /out of memory|OutOfMemory|Allocation on device|WinError|DLL load failed|not compiled with CUDA|driver (?:on your system )?is too old|driver version is insufficient/i;

/** Compute capabilities compare like any dotted version ("12.0" > "8.9"): the one shared comparison. */
const ccBelow = (cc: string, than: string): boolean => compareVersions(cc, than) < 0;

/** Compares the GPU's CC with the torch build's arch list (warning text, probe archList, or the knowledge base). */
export function archVerdict(ctx: RuleContext): ArchVerdict | null {
  const f = ctx.facts;
  const gpu = f.gpus.find((g) => g.computeCapability !== null);
  const tooOld = TOO_OLD.exec(ctx.text);
  if (tooOld) {
    return { kind: 'older', gpu: gpu?.name ?? 'GPU', cc: tooOld[1] ?? '', archs: f.archList, detailKey: 'detailMessage', min: tooOld[2] ?? '', evidence: linesMatching(ctx.lines, /too old|cuda capability/i, 3) };
  }
  const tooOldBare = TOO_OLD_BARE.exec(ctx.text);
  if (tooOldBare) {
    return { kind: 'older', gpu: gpu?.name ?? 'GPU', cc: tooOldBare[1] ?? '', archs: f.archList, detailKey: 'detailTooOld', evidence: linesMatching(ctx.lines, /too old|cuda capability/i, 3) };
  }
  const incompatible = NOT_COMPATIBLE.exec(ctx.text);
  const cc = incompatible ? smToCc(incompatible[1] ?? incompatible[2] ?? '') : (gpu?.computeCapability ?? null);
  const name = gpu?.name ?? 'GPU';
  let archs = f.archList;
  let guessedBuild = false;
  if (archs.length === 0 && f.torchVersion) {
    const tag = parseTorchVersion(f.torchVersion)?.cudaTag;
    const platform = ctx.platform === 'macos' ? 'linux' : ctx.platform;
    if (tag) archs = archListFor(f.torchVersion, tag, platform)?.archs ?? [];
  }
  if (cc === null) {
    if (NO_KERNEL.test(ctx.text)) return unnamedGpu(ctx, archs);
    return f.blackwellMentioned && complaintOnly(ctx) ? { kind: 'newer', gpu: 'RTX 50xx (Blackwell)', cc: '12.0', archs, detailKey: 'detailComplaint', guessed: true, evidence: complaintEvidence(ctx) } : null;
  }
  const pypi = archs.length === 0 ? pypiLinuxArchs(ctx, f.torchVersion) : null;
  if (pypi !== null && !buildRunsOnCc(pypi.archs, cc)) {
    archs = pypi.archs;
    guessedBuild = true;
  }
  const span = archSpan(archs);
  const range = MIN_MAX.exec(ctx.text);
  if (range && span === null && (ccBelow(cc, range[1] ?? '0.0') || ccBelow(range[2] ?? '99.9', cc))) {
    const older = ccBelow(cc, range[1] ?? '0.0');
    return { kind: older ? 'older' : 'newer', gpu: name, cc, archs, detailKey: 'detailMessage', min: range[1] ?? '', evidence: linesMatching(ctx.lines, /Minimum and Maximum cuda capability|CUDA capabilit/i, 3) };
  }
  // The same verdict detect puts on each install (knowledge/arch.ts archFit): newer than the newest arch the build
  // carries means the build predates the GPU; otherwise the build has moved past it (Pascal on cu128, sm_61 dropped
  // from a nightly while sm_50 stayed).
  const fit = archFit(cc, archs);
  if (incompatible || fit === 'gpu-newer' || fit === 'gpu-older') {
    const older = span !== null && ccBelow(cc, span.highestCc);
    const evidence = [...linesMatching(ctx.lines, /CUDA capabilit/i, 3), ...(incompatible ? [] : linesMatching(ctx.lines, NO_KERNEL, 1))];
    return { kind: older ? 'older' : 'newer', gpu: name, cc, archs, detailKey: 'detail', evidence, ...(guessedBuild ? { guessed: true } : {}) };
  }
  if (!NO_KERNEL.test(ctx.text) && archs.length === 0 && f.torchVersion === null && !ccBelow(cc, '10.0') && complaintOnly(ctx)) {
    return { kind: 'newer', gpu: name, cc, archs, detailKey: 'detailComplaint', guessed: true, evidence: complaintEvidence(ctx) };
  }
  if (NO_KERNEL.test(ctx.text) && archs.length === 0) {
    if (!ccBelow(cc, '10.0')) return { kind: 'newer', gpu: name, cc, archs, detailKey: 'detailNoKernel', evidence: linesMatching(ctx.lines, NO_KERNEL, 1) };
    if (ccBelow(cc, '7.0')) return { kind: 'older', gpu: name, cc, archs, detailKey: 'detailNoKernel', evidence: linesMatching(ctx.lines, NO_KERNEL, 1) };
  }
  return null;
}

/**
 * The arch list of PyPI's Linux build of an untagged torch that reached a CUDA kernel ("no kernel image"): Windows PyPI
 * builds have no CUDA at all, so such a torch is most likely the Linux default, whose CUDA variant the release table
 * records. A conda build carries no tag either, so a verdict from this list is always unconfirmed.
 */
function pypiLinuxArchs(ctx: RuleContext, torchVersion: string | null): { archs: string[] } | null {
  const parsed = torchVersion === null ? null : parseTorchVersion(torchVersion);
  if (torchVersion === null || parsed === null || parsed.variant !== 'unknown' || parsed.local !== null || !NO_KERNEL.test(ctx.text)) return null;
  const dflt = torchRelease(torchVersion)?.pypiDefaultLinux ?? null;
  const archs = dflt === null ? null : (archListFor(torchVersion, dflt.tag, 'linux')?.archs ?? null);
  return archs === null ? null : { archs };
}

/**
 * "no kernel image" without a named GPU: an "RTX 50xx" / "Blackwell" in the text, else the build's arch list (a build
 * that stops below Blackwell most likely meets a new GPU; one that starts at Volta or later, an old one), else unknown.
 */
function unnamedGpu(ctx: RuleContext, archs: string[]): ArchVerdict {
  const evidence = linesMatching(ctx.lines, NO_KERNEL, 1);
  if (ctx.facts.blackwellMentioned) {
    return { kind: 'newer', gpu: 'RTX 50xx (Blackwell)', cc: '12.0', archs, detailKey: 'detailNoKernel', evidence: [...evidence, ...linesMatching(ctx.lines, /RTX\s?50|50\s?(?:series|系)|Blackwell/i, 1)] };
  }
  const span = archSpan(archs);
  if (span !== null && ccBelow(span.highestCc, '10.0')) return { kind: 'newer', gpu: 'GPU', cc: '12.0', archs, detailKey: 'detailNoKernelBuild', guessed: true, evidence };
  if (span !== null && !ccBelow(span.lowestCc, '7.0')) return { kind: 'older', gpu: 'GPU', cc: '6.1', archs, detailKey: 'detailNoKernelBuild', guessed: true, evidence };
  return { kind: 'unknown', gpu: 'GPU', cc: '?', archs, detailKey: 'detailNoKernelUnknown', guessed: true, evidence };
}

/** The text complains that a (Blackwell) GPU does not work and shows no other cause. */
function complaintOnly(ctx: RuleContext): boolean {
  return COMPLAINT.test(ctx.text) && !OTHER_CAUSE.test(ctx.text);
}

function complaintEvidence(ctx: RuleContext): string[] {
  return [...linesMatching(ctx.lines, COMPLAINT, 1), ...linesMatching(ctx.lines, /RTX\s?50|\b50[5-9]0\b|50\s?(?:series|系)|Blackwell/i, 1)];
}
