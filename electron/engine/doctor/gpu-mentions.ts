import { lookupComputeCapability } from '../knowledge/gpu.js';
import type { FactGpu } from './facts.js';
import { clip } from './normalise.js';

/** "sm_120" → "12.0", "sm_86" → "8.6". */
export function smToCc(sm: string): string | null {
  const m = /(\d+)(\d)[af]?$/.exec(sm);
  return m === null ? null : `${Number(m[1])}.${m[2]}`;
}

// Warnings that name the GPU together with its capability. The name before " with CUDA capability" is read
// backwards from the match (at most 200 characters): an unanchored `[\w][\w .-]*? with` would retry from every
// position and take time growing with the square of the line's length.
const WITH_CC = / with CUDA capability (sm_\d+)/gi;
const FOUND_GPU = /Found GPU\s{0,8}\d+ ([^\n]{1,200}?) which is of cuda capability (\d+\.\d+)/gi;
// Matches read per pattern: a log repeats the same warning; a huge paste of them must not cost time per repeat.
const MAX_MENTIONS = 64;
/** The most GPUs one text can name (no machine has more); longer lists are cut, so merging stays bounded. */
export const MAX_GPUS = 64;
// Names typed or logged in free text; kept only when the GPU table knows them.
const NAMES =
  /\b((?:NVIDIA\s+)?(?:GeForce\s+)?(?:(?:RTX|GTX)\s?\d{3,4}(?:\s?(?:Ti|SUPER|Super|D))?(?:\s+Laptop(?:\s+GPU)?)?|TITAN\s+(?:RTX|V|Xp|X)|Quadro\s+(?:RTX\s+)?[A-Z]{0,2}\d{3,5}|Tesla\s+[A-Z]\d{1,3}(?:-\w+)?|RTX\s+A\d{4}|RTX\s+PRO\s+\d{4}(?:\s+Blackwell)?|[AHL]\d{2,3}S?(?=[\s-]*(?:\d+GB|SXM|PCIe|Tensor)))\b)/gi;

/** GPUs named in logs and free text, with a CC from the warning itself or from the GPU table. */
export function extractGpuMentions(text: string): { gpus: FactGpu[]; evidence: string[] } {
  const gpus = new KeyedGpus();
  const evidence: string[] = [];
  for (const m of [...withCc(text), ...first(text.matchAll(FOUND_GPU))]) {
    const name = (m[1] ?? '').replace(/^.*?\b(NVIDIA|GeForce|Tesla|Quadro|TITAN|RTX|GTX)\b/i, '$1').trim();
    const cc = (m[2] ?? '').startsWith('sm_') ? smToCc(m[2] ?? '') : (m[2] ?? null);
    if (name !== '' && cc !== null) gpus.add({ name, computeCapability: cc });
    evidence.push(clip(lineOf(text, m.index ?? 0)));
  }
  for (const m of first(text.matchAll(NAMES))) {
    const name = (m[1] ?? '').replace(/\s+/g, ' ').replace(/^(RTX|GTX)(\d)/i, '$1 $2').replace(/(\d)(D|Ti)$/i, '$1 $2').trim();
    const hit = lookupComputeCapability(name);
    if (hit === null) continue;
    if (gpus.add({ name, computeCapability: hit.cc })) evidence.push(clip(lineOf(text, m.index ?? 0)));
  }
  return { gpus: gpus.list, evidence: [...new Set(evidence)].slice(0, 3) };
}

/** " with CUDA capability sm_XX" warnings as [name before it, sm_XX] with the name's index; unnamed ones are skipped. */
function withCc(text: string): { 1: string; 2: string; index: number }[] {
  const out: { 1: string; 2: string; index: number }[] = [];
  for (const m of first(text.matchAll(WITH_CC))) {
    const end = m.index ?? 0;
    const from = Math.max(text.lastIndexOf('\n', end - 1) + 1, end - 200);
    let start = end;
    while (start > from && /[\w .-]/.test(text.charAt(start - 1))) start--;
    while (start < end && /[ .-]/.test(text.charAt(start))) start++;
    if (start < end) out.push({ 1: text.slice(start, end), 2: m[1] ?? '', index: start });
  }
  return out;
}

/** The first MAX_MENTIONS matches. */
function first(matches: IterableIterator<RegExpExecArray>): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const m of matches) {
    out.push(m);
    if (out.length >= MAX_MENTIONS) break;
  }
  return out;
}

/** A GPU name reduced for comparison: "NVIDIA GeForce RTX 4090" → "rtx4090". */
export function gpuKey(name: string): string {
  return name.toLowerCase().replace(/\b(nvidia|geforce)\b/g, '').replace(/[^a-z0-9]/g, '');
}

/**
 * Mentions kept once per name: each key is computed once, an exact repeat is found by hash, and only distinct names
 * (at most MAX_GPUS) are compared with each other, so a paste repeating one line costs time linear in its length.
 */
class KeyedGpus {
  readonly list: FactGpu[] = [];
  private readonly keys: string[] = [];
  private readonly seen = new Set<string>();

  /** Adds a GPU unless one with the same name, or a longer name containing it, is already there. */
  add(gpu: FactGpu): boolean {
    const key = gpuKey(gpu.name);
    if (this.seen.has(key) || this.list.length >= MAX_GPUS || this.keys.some((k) => k.includes(key))) return false;
    this.seen.add(key);
    this.keys.push(key);
    this.list.push(gpu);
    return true;
  }
}

function lineOf(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}
