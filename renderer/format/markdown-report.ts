import type { DetectReport, Install } from '../../shared/schemas/detect.js';
import type { Finding } from '../../shared/schemas/finding.js';
import { formatVram } from './gpu-arch.js';

/** The translate function the builder needs (i18next's `t`, or an identity in tests). */
export type Translate = (key: string, opts?: Record<string, unknown>) => string;

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown report of the scan for forum posts and bug reports: machine, installs, findings, torch/lib. */
export function buildMarkdownReport(report: DetectReport, t: Translate): string {
  const out: string[] = [`## ${t('report.title')}`, ''];
  out.push(`- **${t('report.platform')}:** ${report.platform}`);
  for (const gpu of report.gpus) {
    const cc = gpu.computeCapability ? `, CC ${gpu.computeCapability}${gpu.architecture ? ` (${gpu.architecture})` : ''}` : '';
    out.push(`- **${t('report.gpu')}:** ${gpu.name}${formatVram(gpu.memoryTotalMiB) ? ` — ${formatVram(gpu.memoryTotalMiB)}` : ''}${cc}`);
  }
  if (report.gpus.length === 0) out.push(`- **${t('report.gpu')}:** ${t('report.noneFound')}`);
  const d = report.driver;
  out.push(`- **${t('report.driver')}:** ${d.version ?? '—'} (${d.status}${d.maxCudaVersion ? `, max CUDA ${d.maxCudaVersion}` : ''})`);
  const kits = report.toolkits.map((k) => `${k.version}${k.nvcc ? ' (nvcc)' : ''}${k.cudnn ? `, cuDNN ${k.cudnn.version}` : ''} — ${code(k.path)}`);
  out.push(`- **${t('report.toolkits')}:** ${kits.length > 0 ? kits.join('; ') : t('report.noneFound')}`, '');
  out.push(`### ${t('report.installs')}`, '');
  if (report.installs.length === 0) out.push(t('report.noneFound'), '');
  for (const install of report.installs) out.push(...installSection(install, t));
  out.push(`### ${t('report.findings')}`, '');
  if (report.findings.length === 0) out.push(t('diagnosis.noFindings'), '');
  for (const finding of report.findings) out.push(...findingLines(finding, t));
  return `${out.join('\n').trimEnd()}\n`;
}

function installSection(install: Install, t: Translate): string[] {
  const torch = install.torch;
  const missing = install.python === null ? t('common.unknown') : t('common.notInstalled');
  const usable = torch?.cudaAvailable === true ? t('common.yes') : torch?.cudaAvailable === false ? t('common.no') : t('common.unknown');
  const rows: [string, string][] = [
    [t('scan.installs.python'), install.python?.version ?? t('common.unknown')],
    [t('scan.installs.torch'), torch ? torch.version : missing],
    [t('scan.installs.torchCuda'), torch?.cudaVersion ?? '—'],
    [t('scan.installs.cudnn'), torch?.cudnnVersion ?? '—'],
    [t('scan.installs.gpuUsable'), usable],
    ['arch list', torch && torch.archList.length > 0 ? torch.archList.join(' ') : '—'],
    [t('scan.installs.torchvision'), install.torchvision?.version ?? missing],
    [t('scan.installs.xformers'), install.xformers ? `${install.xformers.version}${install.xformers.builtForTorch ? ` (${t('scan.installs.builtFor', { torch: install.xformers.builtForTorch })})` : ''}` : missing],
  ];
  if (install.probe) rows.push([t('scan.installs.probe.heading'), `${install.probe.state}${install.probe.message ? `: ${install.probe.message}` : ''}`]);
  const lines = [`#### ${t(`scan.kinds.${install.kind}`)} — ${code(install.path)}`, '', '| | |', '|---|---|'];
  lines.push(...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), '');
  if (install.libraries.length > 0) {
    lines.push(`<details><summary>${t('report.libraries')} (${install.libraries.length})</summary>`, '', '```');
    lines.push(...install.libraries.map((l) => `${l.file}  ${l.bytes} B  [${l.component}${l.major != null ? ` ${l.major}` : ''}]`));
    lines.push('```', '', '</details>', '');
  }
  return lines;
}

function findingLines(f: Finding, t: Translate): string[] {
  const lines = [`- **${t(`diagnosis.severity.${f.severity}`)}: ${f.title}** (${code(f.code)})${f.unconfirmed ? ` — _${t('diagnosis.unconfirmed')}_` : ''}`];
  if (f.installPath) lines.push(`  - ${code(f.installPath)}`);
  if (f.detail) lines.push(`  - ${f.detail.replace(/\n/g, ' ')}`);
  if (f.fix) lines.push(`  - **${t('diagnosis.fix')}:** ${f.fix.replace(/\n/g, ' ')}`);
  for (const e of f.evidence) lines.push(`  - ${t('diagnosis.evidence')}: ${code(e)}`);
  return lines;
}
