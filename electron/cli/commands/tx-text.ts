import path from 'node:path';
import type { DllSwapPlan, HistoryEntry, Refusal } from '../../../shared/schemas/tx.js';
import { formatBytes } from '../../engine/tx/messages.js';

/** Refusals for a human: what is wrong, then the fix. */
export function formatRefusals(refusals: readonly Refusal[]): string {
  return refusals.map((r) => `✗ ${r.message}\n  Fix: ${r.fix}`).join('\n') + '\n';
}

/** A dll-swap plan for a human. */
export function formatPlan(plan: DllSwapPlan): string {
  const lines = [`Plan: dll-swap in ${plan.app}`, `Python: ${plan.python ?? '(not found)'}`];
  if (plan.cuda.to) lines.push(`CUDA runtime/cuBLAS: ${plan.cuda.from ?? '?'} → ${plan.cuda.to}`);
  if (plan.cudnn.to) lines.push(`cuDNN: ${plan.cudnn.from ?? '?'} → ${plan.cudnn.to}`);
  if (plan.files.length > 0) lines.push('', 'Files:');
  for (const f of plan.files) {
    const old = f.oldBytes === null ? '(new file)' : formatBytes(f.oldBytes);
    lines.push(`  ${f.action === 'create' ? '+' : '~'} ${path.basename(f.target)}  ${old} → ${formatBytes(f.newBytes)}  (from ${f.source})`);
  }
  lines.push('', `Backups: ${formatBytes(plan.backupBytes)}   New files: ${formatBytes(plan.newBytes)}`);
  for (const s of plan.space) lines.push(`Free space at ${s.path}: ${formatBytes(s.freeBytes)} (needs ${formatBytes(s.neededBytes)})`);
  lines.push('', 'Steps:', ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`), '');
  if (plan.status === 'refused') lines.push('Refused (nothing was changed):', formatRefusals(plan.refusals));
  return lines.join('\n') + '\n';
}

/** `torchlift history` for a human. */
export function formatHistory(entries: readonly HistoryEntry[], backupBytes: number): string {
  if (entries.length === 0) return 'No transactions yet.\n';
  const lines = entries.map((e) => {
    const rb = e.rollbackAvailable ? 'rollback available' : 'no rollback';
    const why = e.reason && e.status !== 'committed' ? `\n    reason: ${e.reason}` : '';
    const rec = e.recoveryNote ? `\n    recovery: ${e.recoveryNote}` : '';
    return `${e.id}  ${e.status.padEnd(11)} ${e.createdAt}  ${e.goal}  ${e.files.length} file(s)  backups ${formatBytes(e.backupBytes)}  ${rb}\n    ${e.intent}${why}${rec}`;
  });
  return `${lines.join('\n')}\n\nBackups in total: ${formatBytes(backupBytes)} (free them with "torchlift history --prune").\n`;
}

