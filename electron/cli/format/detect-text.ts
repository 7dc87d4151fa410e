import type { Lang } from '../../../shared/api/contract.js';
import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import type { Finding } from '../../../shared/schemas/finding.js';

/** The human form of a detect report, for a terminal. */
export function formatDetectReport(r: DetectReport, lang: Lang = 'en'): string {
  const lines: string[] = [];
  lines.push(`Platform: ${r.platform}`);
  lines.push('', 'GPUs:');
  if (r.gpus.length === 0) lines.push('  (none found)');
  for (const g of r.gpus) {
    const cc = g.computeCapability ? `compute ${g.computeCapability}` : 'compute capability unknown';
    const mem = g.memoryTotalMiB !== null ? `, ${g.memoryTotalMiB} MiB` : '';
    lines.push(`  [${g.index}] ${g.name} (${cc}${mem})`);
  }
  const d = r.driver;
  lines.push('', `Driver: ${d.status === 'ok' ? d.version ?? '?' : d.status}`);
  if (d.maxCudaVersion) lines.push(`  newest CUDA this driver supports: ${d.maxCudaVersion}`);
  if (d.status !== 'ok' && d.message) lines.push(`  ${d.message}`);
  lines.push('', 'CUDA toolkits (nvcc):');
  if (r.toolkits.length === 0) lines.push('  (none found — not needed to run torch wheels)');
  for (const t of r.toolkits) {
    const cudnn = t.cudnn ? `, cuDNN ${t.cudnn.version}` : '';
    lines.push(`  CUDA ${t.version}${t.fullVersion ? ` (${t.fullVersion})` : ''}${cudnn}  ${t.path}`);
  }
  lines.push('', 'Stable Diffusion installs:');
  if (r.installs.length === 0) lines.push('  (none found — pass --app DIR)');
  for (const i of r.installs) lines.push(...formatInstall(i));
  if (r.findings.length > 0) lines.push('', formatFindings(r.findings, lang).trimEnd());
  lines.push('');
  return lines.join('\n');
}

function formatInstall(i: Install): string[] {
  const out = [`  ${i.kind}  ${i.path}`];
  out.push(`    python: ${i.python ? `${i.python.version ?? '?'} (${i.python.path})` : 'not found'}`);
  if (i.torch) {
    const cuda = i.torch.cudaVersion ? `CUDA ${i.torch.cudaVersion}` : 'no CUDA (CPU build)';
    const avail = i.torch.cudaAvailable === null ? '' : i.torch.cudaAvailable ? ', GPU usable' : ', GPU NOT usable';
    const cudnn = i.torch.cudnnVersion ? `, cuDNN ${i.torch.cudnnVersion}` : '';
    out.push(`    torch: ${i.torch.version} (${cuda}${cudnn}${avail})`);
  } else {
    out.push(`    torch: ${packageUnknown(i) ?? 'not installed'}`);
  }
  if (i.torchvision) out.push(`    torchvision: ${i.torchvision.version}`);
  else if (packageUnknown(i) !== null) out.push(`    torchvision: ${packageUnknown(i) ?? ''}`);
  if (i.xformers) out.push(`    xformers: ${i.xformers.version}${i.xformers.builtForTorch ? ` (built for torch ${i.xformers.builtForTorch})` : ''}`);
  if (i.probe && i.probe.state !== 'ok' && i.probe.state !== 'not-run') out.push(`    probe: ${i.probe.state}${i.probe.message ? ` — ${i.probe.message}` : ''}`);
  for (const p of i.problems ?? []) out.push(`    problem: ${p}`);
  return out;
}

/**
 * Why what is installed cannot be known: no Python was found for the install (its packages cannot be read), so a
 * missing torch is "unknown", never "not installed". Null when the install's Python was found.
 */
export function packageUnknown(i: Install): string | null {
  return i.python === null ? 'unknown (no Python found for this install)' : null;
}

const MARK: Record<Finding['severity'], string> = { error: '✖', warning: '⚠', info: 'ℹ' };
const HEADINGS: Record<Lang, { findings: string; none: string; fix: string }> = {
  en: { findings: 'Findings:', none: 'No problems found.', fix: 'Fix' },
  ja: { findings: '診断結果:', none: '問題は見つかりませんでした。', fix: '対処' },
  'zh-CN': { findings: '诊断结果：', none: '未发现问题。', fix: '解决办法' },
};

/** Findings as a readable list: severity, title, detail, fix. */
export function formatFindings(findings: readonly Finding[], lang: Lang = 'en'): string {
  const h = HEADINGS[lang];
  if (findings.length === 0) return `${h.none}\n`;
  const lines = [h.findings];
  for (const f of findings) {
    lines.push(`  ${MARK[f.severity]} [${f.code}] ${f.title}`);
    if (f.detail) lines.push(`      ${f.detail}`);
    if (f.fix) lines.push(`      ${h.fix}: ${f.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
