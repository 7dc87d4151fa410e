import { lookupComputeCapability } from '../knowledge/gpu.js';
import type { FactGpu } from './facts.js';
import { clip } from './normalise.js';

/** "sm_120" → "12.0", "sm_86" → "8.6". */
export function smToCc(sm: string): string | null {
  const m = /(\d+)(\d)[af]?$/.exec(sm);
  return m === null ? null : `${Number(m[1])}.${m[2]}`;
}

// Warnings that name the GPU together with its capability.
const WITH_CC: readonly RegExp[] = [
  /((?:NVIDIA\s+)?[\w][\w .-]*?) with CUDA capability (sm_\d+)/gi,
  /Found GPU\s*\d+ (.+?) which is of cuda capability (\d+\.\d+)/gi,
];
// Names typed or logged in free text; kept only when the GPU table knows them.
const NAMES =
  /\b((?:NVIDIA\s+)?(?:GeForce\s+)?(?:(?:RTX|GTX)\s?\d{3,4}(?:\s?(?:Ti|SUPER|Super))?(?:\s+Laptop(?:\s+GPU)?)?|TITAN\s+(?:RTX|V|Xp|X)|Quadro\s+(?:RTX\s+)?[A-Z]{0,2}\d{3,5}|Tesla\s+[A-Z]\d{1,3}(?:-\w+)?|RTX\s+A\d{4}|RTX\s+PRO\s+\d{4}(?:\s+Blackwell)?|[AHL]\d{2,3}S?(?=[\s-]*(?:\d+GB|SXM|PCIe|Tensor)))\b)/gi;

/** GPUs named in logs and free text, with a CC from the warning itself or from the GPU table. */
export function extractGpuMentions(text: string): { gpus: FactGpu[]; evidence: string[] } {
  const gpus: FactGpu[] = [];
  const evidence: string[] = [];
  for (const pattern of WITH_CC) {
    for (const m of text.matchAll(pattern)) {
      const name = (m[1] ?? '').replace(/^.*?\b(NVIDIA|GeForce|Tesla|Quadro|TITAN|RTX|GTX)\b/i, '$1').trim();
      const cc = (m[2] ?? '').startsWith('sm_') ? smToCc(m[2] ?? '') : (m[2] ?? null);
      if (name !== '' && cc !== null) add(gpus, { name, computeCapability: cc });
      evidence.push(clip(lineOf(text, m.index ?? 0)));
    }
  }
  for (const m of text.matchAll(NAMES)) {
    const name = (m[1] ?? '').replace(/\s+/g, ' ').replace(/^(RTX|GTX)(\d)/i, '$1 $2').trim();
    const hit = lookupComputeCapability(name);
    if (hit === null) continue;
    if (add(gpus, { name, computeCapability: hit.cc })) evidence.push(clip(lineOf(text, m.index ?? 0)));
  }
  return { gpus, evidence: [...new Set(evidence)].slice(0, 3) };
}

function add(gpus: FactGpu[], gpu: FactGpu): boolean {
  const key = (n: string): string => n.toLowerCase().replace(/\b(nvidia|geforce)\b/g, '').replace(/[^a-z0-9]/g, '');
  if (gpus.some((g) => key(g.name) === key(gpu.name) || key(g.name).includes(key(gpu.name)))) return false;
  gpus.push(gpu);
  return true;
}

function lineOf(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}
