import type { Finding } from '../../../../shared/schemas/finding.js';
import type { TextPart } from '../../i18n/msg-text.js';
import { classifyNvidiaSmiFailure } from '../../parsers/nvidia-smi.js';
import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import type { Rule, RuleContext } from '../rule-context.js';

type DriverCode = 'driver-not-installed' | 'driver-not-loaded' | 'driver-library-mismatch';

const NOT_INSTALLED = /'?nvidia-smi(?:\.exe)?'? is not recognized|nvidia-smi:? (?:command )?not found|couldn't find libnvidia-ml|NVML Shared Library Not Found|Found no NVIDIA driver on your system/i;
const NO_DEVICE = /no CUDA-capable device is detected|cudaErrorNoDevice/i;
const SYSTEM_MISMATCH = /cudaErrorSystemDriverMismatch|system has unsupported display driver \/ cuda driver combination/i;
const NOT_VISIBLE = /GPU models and configuration:\s*Could not collect/i;

/** Which driver problem the facts or text show, with the detail key and evidence; null when none. */
function driverProblem(ctx: RuleContext): { code: DriverCode; detail: string; evidence: TextPart[]; cuda?: string } | null {
  const f = ctx.facts;
  if (ctx.source === 'report') {
    const map = { 'not-installed': 'driver-not-installed', 'not-loaded': 'driver-not-loaded', 'library-mismatch': 'driver-library-mismatch' } as const;
    const code = f.driverStatus && f.driverStatus in map ? map[f.driverStatus as keyof typeof map] : null;
    if (code === null) return null;
    if (code === 'driver-not-installed' && f.gpus.length === 0 && !f.torchCudaVersion) return null; // no NVIDIA hardware seen
    return { code, detail: 'detail', evidence: [f.driverMessage ?? ''] };
  }
  // People retype nvidia-smi's message with typographic apostrophes ("couldn‘t communicate").
  const failure = classifyNvidiaSmiFailure(ctx.text.replace(/[\u2018\u2019]/g, "'"));
  if (failure?.status === 'library-mismatch' || SYSTEM_MISMATCH.test(ctx.text)) {
    return { code: 'driver-library-mismatch', detail: 'detail', evidence: linesMatching(ctx.lines, /version mismatch|NVML library version|SystemDriverMismatch|unsupported display driver/i) };
  }
  if (failure?.status === 'not-loaded') {
    return { code: 'driver-not-loaded', detail: 'detail', evidence: linesMatching(ctx.lines, /communicate with the NVIDIA driver|driver is not loaded/i) };
  }
  if (NOT_INSTALLED.test(ctx.text)) return { code: 'driver-not-installed', detail: 'detail', evidence: linesMatching(ctx.lines, NOT_INSTALLED) };
  if (NO_DEVICE.test(ctx.text)) return { code: 'driver-not-loaded', detail: 'detailNoDevice', evidence: linesMatching(ctx.lines, NO_DEVICE) };
  if (f.torchCudaVersion && f.cudaAvailable === false && NOT_VISIBLE.test(ctx.text) && /Nvidia driver version:\s*Could not collect/i.test(ctx.text)) {
    const code = ctx.platform === 'linux' ? 'driver-not-loaded' : 'driver-not-installed';
    return { code, detail: 'detailNotVisible', cuda: f.torchCudaVersion, evidence: linesMatching(ctx.lines, /GPU models and configuration|Nvidia driver version|Is CUDA available|CUDA used to build/i, 4) };
  }
  return null;
}

function ruleFor(code: DriverCode): Rule {
  return (ctx): Finding | null => {
    const p = driverProblem(ctx);
    if (p === null || p.code !== code) return null;
    return makeFinding(ctx.lang, { code, severity: 'error', detail: [{ key: p.detail, params: { cuda: p.cuda ?? '' } }], evidence: p.evidence });
  };
}

/** driver-not-installed: no nvidia-smi / "Found no NVIDIA driver" / detect says not installed. */
export const driverNotInstalled: Rule = ruleFor('driver-not-installed');
/** driver-not-loaded: nvidia-smi cannot talk to the driver, no CUDA device, or collect_env sees nothing. */
export const driverNotLoaded: Rule = ruleFor('driver-not-loaded');
/** driver-library-mismatch: NVML "Driver/library version mismatch" or CUDA error 803. */
export const driverLibraryMismatch: Rule = ruleFor('driver-library-mismatch');
