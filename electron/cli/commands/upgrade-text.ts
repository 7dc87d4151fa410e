import type { TorchUpgradePlan } from '../../../shared/schemas/torch-upgrade.js';
import { et } from '../../engine/i18n/engine-text.js';
import type { Lang } from '../../engine/i18n/translate.js';
import { formatBytes } from '../../../shared/format/bytes.js';
import { formatRefusals } from './tx-text.js';

/** A torch-upgrade plan for a human: now → target, every package old → new with its size, launcher lines, refusals. */
export function formatUpgradePlan(plan: TorchUpgradePlan, lang: Lang = 'en'): string {
  const tr = (key: string, params?: Record<string, string | number>): string => et(lang, `cli.${key}`, params);
  const none = '–';
  const lines = [tr('upgradeHeading', { app: plan.app }), tr('python', { python: plan.python ?? tr('notFound') })];
  lines.push(tr('current', { torch: plan.current.torch ?? none, torchvision: plan.current.torchvision ?? none, xformers: plan.current.xformers ?? none }));
  if (plan.target) {
    lines.push(tr('target', { torch: plan.target.torch, torchvision: plan.target.torchvision ?? none, xformers: plan.target.xformers ?? none, why: plan.target.why }));
  }
  if (plan.source.label) lines.push(tr('source', { source: plan.source.label }));
  if (plan.xformers.reason) lines.push(tr('xformersWhy', { reason: plan.xformers.reason }));
  if (plan.packages.length > 0) lines.push('', tr('packages'));
  for (const p of plan.packages) {
    const mark = { install: '+', replace: '~', remove: '-', keep: '=' }[p.action];
    const size = p.bytes === null ? '' : formatBytes(p.bytes);
    lines.push(`  ${tr('packageLine', { mark: p.family ? mark : `${mark}!`, name: p.name, from: p.from ?? none, to: p.to ?? none, size, cached: p.cached ? tr('cached') : '' })}`);
  }
  if (plan.packages.length > 0) lines.push('', tr('download', { bytes: formatBytes(plan.downloadBytes) }));
  for (const s of plan.space) lines.push(tr('freeSpace', { path: s.path, free: formatBytes(s.freeBytes), needed: formatBytes(s.neededBytes) }));
  if (plan.launcher.length > 0) lines.push('', tr('launcher'), ...plan.launcher.map((c) => `  ${c.file}: ${c.before ?? '+'} → ${c.after}`));
  if (plan.steps.length > 0) lines.push('', tr('steps'), ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`));
  if (plan.notes.length > 0) lines.push('', tr('notes'), ...plan.notes.map((n) => `  - ${n}`));
  if (plan.alternatives.length > 0) lines.push('', tr('alternatives'), ...plan.alternatives.map((a) => `  ${a.torch}  ${a.note}`));
  if (plan.status === 'refused') lines.push('', tr('refused'), formatRefusals(plan.refusals, lang));
  return lines.join('\n') + '\n';
}
