import type { Lang } from '../../../shared/api/contract.js';
import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import type { Finding } from '../../../shared/schemas/finding.js';
import { renderIn } from '../../engine/i18n/msg-text.js';
import { ct } from '../help.js';

/** The human form of a detect report, for a terminal, in `lang` (headings, labels and the engine's own messages). */
export function formatDetectReport(r: DetectReport, lang: Lang = 'en'): string {
  const tr = (key: string, params?: Record<string, string | number>): string => ct(lang, `detect.${key}`, params);
  const lines: string[] = [];
  lines.push(tr('platform', { platform: r.platform }));
  lines.push('', tr('gpus'));
  if (r.gpus.length === 0) lines.push(`  ${tr('noGpus')}`);
  for (const g of r.gpus) {
    const cc = g.computeCapability ? tr('compute', { cc: g.computeCapability }) : tr('computeUnknown');
    const mem = g.memoryTotalMiB !== null ? `, ${g.memoryTotalMiB} MiB` : '';
    lines.push(`  [${g.index}] ${g.name} (${cc}${mem})`);
  }
  const d = r.driver;
  lines.push('', tr('driver', { status: d.status === 'ok' ? d.version ?? '?' : tr(`status.${d.status}`) }));
  if (d.maxCudaVersion) lines.push(`  ${tr('maxCuda', { cuda: d.maxCudaVersion })}`);
  if (d.status !== 'ok' && d.message) lines.push(`  ${d.messageMsg ? renderIn(lang, d.messageMsg) : d.message}`);
  lines.push('', tr('toolkits'));
  if (r.toolkits.length === 0) lines.push(`  ${tr('noToolkits')}`);
  for (const t of r.toolkits) {
    const cudnn = t.cudnn ? `, cuDNN ${t.cudnn.version}` : '';
    lines.push(`  CUDA ${t.version}${t.fullVersion ? ` (${t.fullVersion})` : ''}${cudnn}  ${t.path}`);
  }
  lines.push('', tr('installs'));
  if (r.installs.length === 0) lines.push(`  ${tr('noInstalls')}`);
  for (const i of r.installs) lines.push(...formatInstall(i, lang));
  if (r.findings.length > 0) lines.push('', formatFindings(r.findings, lang).trimEnd());
  lines.push('');
  return lines.join('\n');
}

function formatInstall(i: Install, lang: Lang): string[] {
  const tr = (key: string, params?: Record<string, string | number>): string => ct(lang, `detect.${key}`, params);
  const out = [`  ${i.kind}  ${i.path}`];
  out.push(`    ${tr('python', { python: i.python ? `${i.python.version ?? '?'} (${i.python.path})` : tr('notFound') })}`);
  if (i.torch) {
    const details = [
      i.torch.cudaVersion ? `CUDA ${i.torch.cudaVersion}` : tr('cpuBuild'),
      ...(i.torch.cudnnVersion ? [`cuDNN ${i.torch.cudnnVersion}`] : []),
      ...(i.torch.cudaAvailable === null ? [] : [i.torch.cudaAvailable ? tr('gpuUsable') : tr('gpuNotUsable')]),
    ];
    out.push(`    ${tr('torch', { torch: tr('torchBuild', { version: i.torch.version, details: details.join(', ') }) })}`);
  } else {
    out.push(`    ${tr('torch', { torch: packageUnknown(i, lang) ?? tr('notInstalled') })}`);
  }
  if (i.torchvision) out.push(`    torchvision: ${i.torchvision.version}`);
  else if (packageUnknown(i, lang) !== null) out.push(`    torchvision: ${packageUnknown(i, lang) ?? ''}`);
  if (i.xformers) out.push(`    xformers: ${i.xformers.version}${i.xformers.builtForTorch ? ` (${tr('builtFor', { torch: i.xformers.builtForTorch })})` : ''}`);
  if (i.probe && i.probe.state !== 'ok' && i.probe.state !== 'not-run') out.push(`    ${tr('probe', { state: i.probe.state })}${i.probe.message ? ` — ${i.probe.message}` : ''}`);
  (i.problems ?? []).forEach((p, n) => {
    const m = i.problemMsgs?.[n];
    out.push(`    ${tr('problem', { problem: m ? renderIn(lang, m) : p })}`);
  });
  return out;
}

/**
 * Why what is installed cannot be known: no Python was found for the install (its packages cannot be read), so a
 * missing torch is "unknown", never "not installed". Null when the install's Python was found.
 */
export function packageUnknown(i: Install, lang: Lang = 'en'): string | null {
  return i.python === null ? ct(lang, 'detect.unknownNoPython') : null;
}

const MARK: Record<Finding['severity'], string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** Findings as a readable list: severity, title, detail, fix. */
export function formatFindings(findings: readonly Finding[], lang: Lang = 'en'): string {
  if (findings.length === 0) return `${ct(lang, 'detect.noProblems')}\n`;
  const lines = [ct(lang, 'detect.findings')];
  for (const f of findings) {
    lines.push(`  ${MARK[f.severity]} [${f.code}] ${f.title}`);
    if (f.detail) lines.push(`      ${f.detail}`);
    if (f.fix) lines.push(`      ${ct(lang, 'detect.fix')}: ${f.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
