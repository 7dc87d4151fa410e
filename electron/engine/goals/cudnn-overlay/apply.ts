import fs from 'node:fs/promises';
import path from 'node:path';
import type { CudnnOverlayInput, CudnnOverlayPlan } from '../../../../shared/schemas/cuda.js';
import { msg } from '../../../../shared/i18n/message.js';
import type { TxOutcome } from '../../../../shared/schemas/tx.js';
import { ArchiveRefusal, mapEntries, type MappedEntry } from '../../archive/archive.js';
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
 * manifest), and places the checked entries into the toolkit as one transaction — each written once into its staging
 * name beside its target, then renamed — with a backup of every file replaced; verifies the toolkit's cudnn_version.h
 * and that every placed file is the archive's.
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
  const archive = source.kind === 'archive' ? source.archive : null;
  let mapped: MappedEntry[] = [];
  if (archive !== null) {
    // Checked again as output paths (no two entries on one file); an archive's entries are then written once,
    // straight into the staging names beside their targets — no staging folder, no second copy.
    const byEntry = new Map(source.items.map((i) => [i.entry, i.rel]));
    try {
      mapped = mapEntries(archive, (e) => byEntry.get(e.name) ?? null);
    } catch (error) {
      if (!(error instanceof ArchiveRefusal)) throw error;
      plan.refusals.push(cudaRefusal(lang, 'archive-refused', { reason: error.message }));
      plan.status = 'refused';
      return refused();
    }
  }
  const expected = plan.cudnn.to;
  const placedItems = archive !== null ? mapped.map((m) => ({ rel: m.rel, bytes: m.entry.size })) : source.items.map((i) => ({ rel: i.rel, bytes: i.bytes }));
  const outcome = await placeStagedTree({
    dataDir: opts.dataDir, goal: 'cudnn-overlay', intent: msg('cuda:intent.cudnn-overlay', { cudnn: expected ?? '?', cuda: plan.toolkitCuda ?? '?', target: plan.toolkit }),
    target: plan.toolkit, onProgress: opts.onProgress, backupMode: opts.backupMode,
    ...(archive !== null
      ? { archives: [{ archive, items: mapped.map((m) => ({ entry: m.entry.name, rel: m.rel, bytes: m.entry.size })) }] }
      : { files: source.items.map((i) => ({ rel: i.rel, source: i.entry })) }),
    verify: async (log): Promise<VerifyOutcome> => {
      // The engine has checked that each target is the very file written and hashed while staging (an archive
      // entry's CRC-32 checked as it streamed); here each size is held against the source once more (stat only).
      const lines: string[] = [];
      for (const f of placedItems) {
        const st = await fs.stat(path.join(plan.toolkit, ...f.rel.split('/'))).catch(() => null);
        if (st?.size !== f.bytes) return { ok: false, reason: msg('cuda:verify.fileMismatch', { file: f.rel }), log: lines };
      }
      const header = await fs.readFile(path.join(plan.toolkit, 'include', 'cudnn_version.h'), 'utf8').catch(() => '');
      const found = parseCudnnHeader(header)?.version ?? null;
      if (expected !== null && found !== expected) return { ok: false, reason: msg('cuda:verify.cudnnHeader', { found: found ?? '—', version: expected }), log: lines };
      lines.push(`cudnn_version.h: ${found ?? '?'}`, `${placedItems.length} file(s) in place, each the ${archive !== null ? "archive's (CRC-32 checked while extracting)" : "source's"} bytes as staged and hashed (xxh3-128)`);
      lines.forEach(log);
      return { ok: true, log: lines };
    },
  });
  return { plan, outcome };
}
