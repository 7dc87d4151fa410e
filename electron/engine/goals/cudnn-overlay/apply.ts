import { msg } from '../../../../shared/i18n/message.js';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CudnnOverlayInput, CudnnOverlayPlan } from '../../../../shared/schemas/cuda.js';
import type { TxOutcome } from '../../../../shared/schemas/tx.js';
import { ArchiveRefusal, extractChecked } from '../../archive/archive.js';
import { downloadErrorMsg } from '../../download/error-text.js';
import { parseCudnnHeader } from '../../parsers/cudnn-header.js';
import type { VerifyOutcome } from '../../tx/transaction.js';
import { downloadLogger, type CudaApplyReporter } from '../cuda-install/apply.js';
import { fetchAll } from '../cuda-install/sources.js';
import { placeStagedTree } from '../cuda-install/staged-tree.js';
import { cudaRefusal } from '../cuda-install/text.js';
import { describe, planCudnnOverlay, readSource } from './plan.js';

/**
 * `apply cudnn-overlay`: plans again, downloads the archive when asked for a version (sha256 from NVIDIA's cuDNN
 * manifest), extracts the checked entries to a staging folder, and places them into the toolkit as one transaction
 * with a backup of every file replaced; verifies the toolkit's cudnn_version.h and every placed file's size.
 */
export async function applyCudnnOverlay(input: CudnnOverlayInput, opts: { env: NodeJS.ProcessEnv; dataDir: string; onPlan?: (p: CudnnOverlayPlan) => void; backupMode?: 'auto' | 'copy' } & Omit<CudaApplyReporter, 'onPlan'>): Promise<{ plan: CudnnOverlayPlan; outcome: TxOutcome }> {
  const lang = input.lang ?? 'en';
  const planned = await planCudnnOverlay({ input, env: opts.env, dataDir: opts.dataDir });
  const { plan } = planned;
  const refused = (): { plan: CudnnOverlayPlan; outcome: TxOutcome } => ({ plan, outcome: { kind: 'refused', refusals: plan.refusals } });
  if (plan.status === 'refused') {
    opts.onPlan?.(plan);
    return refused();
  }
  if (planned.source === null && plan.download !== null) {
    let file: string;
    try {
      [file] = (await fetchAll([plan.download], opts.dataDir, downloadLogger(opts.log ?? (() => undefined), opts.onDownload))) as [string];
    } catch (error) {
      plan.refusals.push(cudaRefusal(lang, 'download-failed', { reason: downloadErrorMsg(error) }));
      plan.status = 'refused';
      return refused();
    }
    const read = await readSource(file, planned.layout, lang);
    if (!read.ok) {
      plan.refusals.push(read.refusal);
      plan.status = 'refused';
      return refused();
    }
    await describe(planned, read.source, lang);
    if (plan.refusals.length > 0) return refused();
  }
  opts.onPlan?.(plan);
  const source = planned.source!;
  const staging = path.join(opts.dataDir, 'staging', `cudnn-${randomBytes(4).toString('hex')}`);
  try {
    let files: { rel: string; source: string }[];
    if (source.kind === 'archive' && source.archive !== null) {
      const byEntry = new Map(source.items.map((i) => [i.entry, i.rel]));
      try {
        await extractChecked(source.archive, staging, (e) => byEntry.get(e.name) ?? null);
      } catch (error) {
        if (!(error instanceof ArchiveRefusal)) throw error;
        plan.refusals.push(cudaRefusal(lang, 'archive-refused', { reason: error.message }));
        plan.status = 'refused';
        return refused();
      }
      files = source.items.map((i) => ({ rel: i.rel, source: path.join(staging, ...i.rel.split('/')) }));
    } else {
      files = source.items.map((i) => ({ rel: i.rel, source: i.entry }));
    }
    const expectedHeader = files.find((f) => f.rel === 'include/cudnn_version.h');
    const expected = expectedHeader ? parseCudnnHeader(await fs.readFile(expectedHeader.source, 'utf8'))?.version ?? plan.cudnn.to : plan.cudnn.to;
    const outcome = await placeStagedTree({
      dataDir: opts.dataDir, goal: 'cudnn-overlay', intent: msg('cuda:intent.cudnn-overlay', { cudnn: expected ?? '?', cuda: plan.toolkitCuda ?? '?', target: plan.toolkit }),
      stagingDir: staging, target: plan.toolkit, files, onProgress: opts.onProgress, backupMode: opts.backupMode,
      verify: async (log): Promise<VerifyOutcome> => {
        const lines: string[] = [];
        for (const f of files) {
          const [a, b] = await Promise.all([fs.stat(f.source), fs.stat(path.join(plan.toolkit, ...f.rel.split('/')))]);
          if (a.size !== b.size) return { ok: false, reason: msg('cuda:verify.fileMismatch', { file: f.rel }), log: lines };
        }
        const header = await fs.readFile(path.join(plan.toolkit, 'include', 'cudnn_version.h'), 'utf8').catch(() => '');
        const found = parseCudnnHeader(header)?.version ?? null;
        if (expected !== null && found !== expected) return { ok: false, reason: msg('cuda:verify.cudnnHeader', { found: found ?? '—', version: expected }), log: lines };
        lines.push(`cudnn_version.h: ${found ?? '?'}`, `${files.length} file(s) in place`);
        lines.forEach(log);
        return { ok: true, log: lines };
      },
    });
    return { plan, outcome };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
