import { compareVersions } from '../../../../shared/versions.js';
import { archFit, archListFor, archSpan } from '../../knowledge/arch.js';
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
  detailKey: 'detail' | 'detailNoKernel' | 'detailMessage' | 'detailNoKernelBuild' | 'detailNoKernelUnknown';
  /** The verdict is read from the build's arch list alone (the GPU is not named): likely, not certain. */
  guessed?: boolean;
  min?: string;
  evidence: string[];
}

const NOT_COMPATIBLE = /with CUDA capability (sm_\d+) is not compatible|\b(sm_\d{2,3}) (?:is )?not (?:supported|compatible)\b/i;
// torch ≥ 2.7's own range: "Minimum and Maximum cuda capability supported by this version of PyTorch is (7.0) - (12.0)".
const MIN_MAX = /Minimum and Maximum cuda capability supported by this version of PyTorch is\s*\((\d+\.\d+)\)\s*-\s*\((\d+\.\d+)\)/i;
const TOO_OLD = /which is of cuda capability (\d+\.\d+)[\s\S]{0,120}?too old[\s\S]{0,120}?minimum cuda capability (?:supported by this library )?is (\d+\.\d+)/i;
const NO_KERNEL = /no kernel image is available(?: for execution on the device)?/i;

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
  const incompatible = NOT_COMPATIBLE.exec(ctx.text);
  const cc = incompatible ? smToCc(incompatible[1] ?? incompatible[2] ?? '') : (gpu?.computeCapability ?? null);
  const name = gpu?.name ?? 'GPU';
  let archs = f.archList;
  if (archs.length === 0 && f.torchVersion) {
    const tag = parseTorchVersion(f.torchVersion)?.cudaTag;
    const platform = ctx.platform === 'macos' ? 'linux' : ctx.platform;
    if (tag) archs = archListFor(f.torchVersion, tag, platform)?.archs ?? [];
  }
  if (cc === null) return NO_KERNEL.test(ctx.text) ? unnamedGpu(ctx, archs) : null;
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
    return { kind: older ? 'older' : 'newer', gpu: name, cc, archs, detailKey: 'detail', evidence: linesMatching(ctx.lines, /CUDA capabilit/i, 3) };
  }
  if (NO_KERNEL.test(ctx.text) && archs.length === 0) {
    if (!ccBelow(cc, '10.0')) return { kind: 'newer', gpu: name, cc, archs, detailKey: 'detailNoKernel', evidence: linesMatching(ctx.lines, NO_KERNEL, 1) };
    if (ccBelow(cc, '7.0')) return { kind: 'older', gpu: name, cc, archs, detailKey: 'detailNoKernel', evidence: linesMatching(ctx.lines, NO_KERNEL, 1) };
  }
  return null;
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
