import path from 'node:path';
import type { DllSwapPlan, HistoryEntry, Refusal } from '../../../shared/schemas/tx.js';
import { et } from '../../engine/i18n/engine-text.js';
import type { Lang } from '../../engine/i18n/translate.js';
import { formatBytes } from '../../../shared/format/bytes.js';

/** Refusals for a human: what is wrong, then the fix (the texts arrive in `lang` from the engine). */
export function formatRefusals(refusals: readonly Refusal[], lang: Lang = 'en'): string {
  return refusals.map((r) => `✗ ${r.message}\n  ${et(lang, 'cli.fix')}: ${r.fix}`).join('\n') + '\n';
}

/** A dll-swap plan for a human. */
export function formatPlan(plan: DllSwapPlan, lang: Lang = 'en'): string {
  const tr = (key: string, params?: Record<string, string | number>): string => et(lang, `cli.${key}`, params);
  const lines = [tr('planHeading', { app: plan.app }), tr('python', { python: plan.python ?? tr('notFound') })];
  if (plan.cuda.to) lines.push(tr('cudaLine', { from: plan.cuda.from ?? '?', to: plan.cuda.to }));
  if (plan.cudnn.to) lines.push(tr('cudnnLine', { from: plan.cudnn.from ?? '?', to: plan.cudnn.to }));
  if (plan.files.length > 0) lines.push('', tr('files'));
  for (const f of plan.files) {
    const old = f.oldBytes === null ? tr('newFile') : formatBytes(f.oldBytes);
    lines.push(`  ${tr('fileLine', { mark: f.action === 'create' ? '+' : '~', name: path.basename(f.target), old, new: formatBytes(f.newBytes), source: f.source })}`);
  }
  lines.push('', tr('sizes', { backup: formatBytes(plan.backupBytes), new: formatBytes(plan.newBytes) }));
  for (const s of plan.space) lines.push(tr('freeSpace', { path: s.path, free: formatBytes(s.freeBytes), needed: formatBytes(s.neededBytes) }));
  lines.push('', tr('steps'), ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`), '');
  const notes = plan.notes ?? [];
  if (notes.length > 0) lines.push(tr('notes'), ...notes.map((n) => `  - ${n}`), '');
  if (plan.status === 'refused') lines.push(tr('refused'), formatRefusals(plan.refusals, lang));
  return lines.join('\n') + '\n';
}

/** `torchlift history` for a human. */
export function formatHistory(entries: readonly HistoryEntry[], backupBytes: number, lang: Lang = 'en'): string {
  const tr = (key: string, params?: Record<string, string | number>): string => et(lang, `cli.${key}`, params);
  if (entries.length === 0) return `${tr('noHistory')}\n`;
  const lines = entries.map((e) => {
    const head = tr('historyLine', {
      id: e.id, status: tr(`status.${e.status}`).padEnd(11), time: e.createdAt, goal: e.goal, files: e.files.length,
      backups: formatBytes(e.backupBytes), rollback: e.rollbackAvailable ? tr('rollbackAvailable') : tr('noRollback'),
    });
    const why = e.reason && e.status !== 'committed' ? `\n    ${tr('reason', { reason: e.reason })}` : '';
    const rec = e.recoveryNote ? `\n    ${tr('recovery', { note: e.recoveryNote })}` : '';
    return `${head}\n    ${e.intent}${why}${rec}`;
  });
  return `${lines.join('\n')}\n\n${tr('historyTotal', { bytes: formatBytes(backupBytes) })}\n`;
}
