import fs from 'node:fs/promises';
import path from 'node:path';
import type { CudnnOverlayInput, CudnnOverlayPlan } from '../../../../shared/schemas/cuda.js';
import type { Refusal } from '../../../../shared/schemas/tx.js';
import { ArchiveRefusal } from '../../archive/archive.js';
import { resolveContext, type DetectContext } from '../../detect/detect-context.js';
import { detectToolkitCudnn } from '../../detect/toolkit-cudnn.js';
import { versionFromFiles } from '../../detect/toolkits.js';
import { localPath } from '../../download/download.js';
import type { Msg } from '../../../../shared/i18n/message.js';
import type { Lang } from '../../i18n/translate.js';
import { parseCudnnHeader } from '../../parsers/cudnn-header.js';
import { cudnnManifestUrl, cudnnRedistUrl, majorMinor, nvidiaBase, parseCudnnManifest } from '../cuda-install/nvidia.js';
import { downloadRow, fetchText } from '../cuda-install/sources.js';
import { addTexts } from '../plan-text.js';
import { cm, cudaRefusal, formatBytes } from '../cuda-install/text.js';
import { readCudnnSource, type CudnnSource } from './source.js';
import { majorOf } from '../../../../shared/versions.js';

export interface CudnnOverlayContext {
  plan: CudnnOverlayPlan;
  ctx: DetectContext;
  /** The read source (null until downloaded, for --version without a cached archive). */
  source: CudnnSource | null;
  layout: { windows: boolean; binDir: string; libDir: string; cudaMajor: number | null };
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}

/** The toolkit's folders cuDNN goes into: `bin` (or `bin/x64` for CUDA 13's layout), `lib64` (or `lib`) on Linux. */
export async function toolkitLayout(toolkit: string, windows: boolean, cudaMajor: number | null): Promise<CudnnOverlayContext['layout']> {
  const binDir = windows && (await exists(path.join(toolkit, 'bin', 'x64'))) ? 'bin/x64' : 'bin';
  const libDir = !windows && !(await exists(path.join(toolkit, 'lib64'))) && (await exists(path.join(toolkit, 'lib'))) ? 'lib' : 'lib64';
  return { windows, binDir, libDir, cudaMajor };
}

/** `plan cudnn-overlay`: reads the toolkit and the cuDNN source, checks every entry and the CUDA major. Changes nothing. */
export async function planCudnnOverlay(args: { input: CudnnOverlayInput; env: NodeJS.ProcessEnv; dataDir: string }): Promise<CudnnOverlayContext> {
  const { input, dataDir } = args;
  const lang: Lang = input.lang ?? 'en';
  const ctx = resolveContext({ env: args.env });
  const toolkit = path.resolve(input.toolkit);
  const plan: CudnnOverlayPlan = {
    goal: 'cudnn-overlay', toolkit, toolkitCuda: null, status: 'ready', refusals: [], cudnn: { from: null, to: null, builtFor: null },
    source: input.archive ?? input.version ?? '', download: null, files: [], backupBytes: 0, newBytes: 0, elevation: false, notes: [], steps: [], noteMsgs: [], stepMsgs: [],
  };
  const windows = ctx.platform === 'windows';
  const result: CudnnOverlayContext = { plan, ctx, source: null, layout: { windows, binDir: 'bin', libDir: 'lib64', cudaMajor: null } };
  const refuse = (r: Refusal): CudnnOverlayContext => {
    plan.refusals.push(r);
    plan.status = 'refused';
    return result;
  };
  const tv = await versionFromFiles(toolkit);
  const nvcc = (await exists(path.join(toolkit, 'bin', 'nvcc.exe'))) || (await exists(path.join(toolkit, 'bin', 'nvcc')));
  if (tv === null && !nvcc) return refuse(cudaRefusal(lang, 'toolkit-missing', { toolkit }));
  plan.toolkitCuda = tv === null ? null : majorMinor(tv.version);
  const cudaMajor = plan.toolkitCuda === null ? null : majorOf(plan.toolkitCuda);
  result.layout = await toolkitLayout(toolkit, windows, cudaMajor);
  plan.cudnn.from = (await detectToolkitCudnn(toolkit))?.version ?? null;
  if (input.archive === undefined && input.version === undefined) return refuse(cudaRefusal(lang, 'cudnn-source-missing'));

  let sourcePath: string | null = null;
  if (input.archive !== undefined) {
    sourcePath = localPath(input.archive) ?? input.archive;
  } else if (input.version !== undefined) {
    const version = input.version.split('.').slice(0, 3).join('.');
    const full = /^\d+\.\d+$/.test(version) ? `${version}.0` : version;
    const url = cudnnManifestUrl(nvidiaBase(ctx.env), full);
    const fetched = await fetchText(url, dataDir, lang);
    if (!fetched.ok) return refuse(cudaRefusal(lang, 'source-unavailable', { url, reason: fetched.reason }));
    let json: unknown = null;
    try {
      json = JSON.parse(fetched.text);
    } catch {
      return refuse(cudaRefusal(lang, 'source-unavailable', { url, reason: 'not valid JSON' }));
    }
    const found = parseCudnnManifest(json, windows ? 'windows' : 'linux', cudaMajor ?? 12);
    if (found === null || found.artifact === null) {
      return refuse(cudaRefusal(lang, 'cudnn-no-variant', { version: full, toolkitMajor: cudaMajor ?? '?', platform: ctx.platform, variants: found?.variants.join(', ') || 'none' }));
    }
    const a = found.artifact;
    plan.download = await downloadRow({ name: path.posix.basename(a.relativePath), url: cudnnRedistUrl(nvidiaBase(ctx.env), a.relativePath), expected: { sha256: a.sha256, ...(a.bytes !== null ? { bytes: a.bytes } : {}) }, dataDir });
    plan.cudnn.to = found.version.split('.').slice(0, 3).join('.');
    plan.cudnn.builtFor = cudaMajor === null ? null : String(cudaMajor);
  }
  if (sourcePath !== null) {
    const read = await readSource(sourcePath, result.layout, lang);
    if (!read.ok) return refuse(read.refusal);
    await describe(result, read.source, lang);
    if (plan.status === 'refused') return result;
  }
  finishPlan(result, lang);
  return result;
}

/** Reads a source into the plan's files (used by plan for local sources and by apply after a download). */
export async function readSource(source: string, layout: CudnnOverlayContext['layout'], lang: Lang): Promise<{ ok: true; source: CudnnSource } | { ok: false; refusal: Refusal }> {
  try {
    const read = await readCudnnSource(source, layout);
    if (read.items.length === 0) return { ok: false, refusal: cudaRefusal(lang, 'cudnn-unreadable', { source }) };
    return { ok: true, source: read };
  } catch (error) {
    if (error instanceof ArchiveRefusal) return { ok: false, refusal: cudaRefusal(lang, 'archive-refused', { reason: error.message }) };
    return { ok: false, refusal: cudaRefusal(lang, 'cudnn-unreadable', { source }) };
  }
}

/** Fills the plan's files from a read source and refuses a source built for another CUDA major. */
export async function describe(result: CudnnOverlayContext, source: CudnnSource, lang: Lang): Promise<void> {
  const { plan } = result;
  result.source = source;
  const major = result.layout.cudaMajor;
  if (source.builtFor !== null && major !== null && source.builtFor !== major) {
    plan.refusals.push(cudaRefusal(lang, 'cudnn-wrong-cuda', { source: source.path, builtFor: source.builtFor, toolkitCuda: plan.toolkitCuda ?? '?', toolkitMajor: major }));
    plan.status = 'refused';
    return;
  }
  plan.cudnn.builtFor = source.builtFor === null ? plan.cudnn.builtFor : String(source.builtFor);
  if (source.kind === 'folder') {
    const header = source.items.find((i) => i.rel === 'include/cudnn_version.h');
    const parsed = header ? parseCudnnHeader(await fs.readFile(header.entry, 'utf8').catch(() => '')) : null;
    plan.cudnn.to = parsed?.version ?? source.version;
  } else {
    plan.cudnn.to = source.version ?? plan.cudnn.to;
  }
  plan.files = await Promise.all(source.items.map(async (item) => {
    const target = path.join(plan.toolkit, ...item.rel.split('/'));
    const old = await fs.stat(target).then((s) => (s.isFile() ? s.size : null), () => null);
    return { entry: item.entry, target, action: old === null ? 'create' as const : 'replace' as const, bytes: item.bytes, oldBytes: old };
  }));
  plan.backupBytes = plan.files.reduce((n, f) => n + (f.oldBytes ?? 0), 0);
  plan.newBytes = plan.files.reduce((n, f) => n + f.bytes, 0);
}

function finishPlan(result: CudnnOverlayContext, lang: Lang): void {
  const { plan } = result;
  plan.elevation = result.layout.windows && /[\\/]Program Files[\\/]/i.test(plan.toolkit);
  const note = (...m: Msg[]): void => addTexts(plan.notes, plan.noteMsgs ?? [], lang, ...m);
  const step = (...m: Msg[]): void => addTexts(plan.steps, plan.stepMsgs ?? [], lang, ...m);
  if (plan.elevation) note(cm('note.elevation', { target: plan.toolkit }));
  note(cm('note.cudnnTorch'), cm('note.cudnnPath'));
  // Before the download the size is the manifest's and the files are not known yet: said so, never "0 MB" or "? files".
  if (plan.download !== null && !plan.download.cached) {
    step(plan.download.bytes !== null ? cm('step.downloadCudnn', { size: formatBytes(plan.download.bytes, lang) }) : cm('step.downloadCudnnUnsized'));
  }
  if (plan.download === null || result.source === null) step(cm('step.extract'));
  if (result.source === null) step(cm('step.overlayAfterDownload', { toolkit: plan.toolkit }));
  else step(cm('step.overlay', { count: plan.files.length, toolkit: plan.toolkit, replaced: plan.files.filter((f) => f.action === 'replace').length }));
  step(cm('step.verifyCudnn', { version: plan.cudnn.to ?? '?' }));
}
