/** Pure GPU-name matching against a name table; no I/O (gpu.ts feeds it gpus.json). */

/** A table row as the matcher needs it. */
export interface NamedCc {
  name: string;
  cc: string;
  confirmed: boolean;
}

/** The answer of a lookup: the CC, whether it rests on an unconfirmed row, and the table name(s) used. */
export interface CcMatch {
  cc: string;
  unconfirmed: boolean;
  matched: string;
  /** All table names consistent with a truncated name ("GeForce GTX 105..."). */
  candidates?: string[];
}

// Brand words that never tell models apart. "Quadro" is kept: "Quadro RTX 4000" (7.5) ≠ "RTX 4000 Ada" (8.9).
const VENDOR = new Set(['nvidia', 'geforce', 'tesla']);

// Extra words a query may carry beyond a row's words without changing the chip generation.
const VARIANT = new Set([
  'ti', 'super', 'laptop', 'gpu', 'mobile', 'notebook', 'with', 'max', 'q', 'maxq', 'design', 'generation', 'edition',
  'workstation', 'server', 'oem', 'pcie', 'nvl', 'sff', 'd', 'graphics', 'card', 'dgx',
]);
const VARIANT_RE = /^(\d+gb|sxm\d*|hbm\d*e?)$/;

/** Lower-case word tokens without vendor words: "NVIDIA A100-SXM4-80GB" → ["a100","sxm4","80gb"]. */
export function gpuNameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/\(r\)|\(tm\)|®|™/g, ' ')
    .split(/[\s\-_/(),.:]+/)
    .filter((t) => t !== '' && !VENDOR.has(t));
}

function isVariant(token: string): boolean {
  return VARIANT.has(token) || VARIANT_RE.test(token);
}

/** Parses a possibly truncated nvidia-smi name ("GeForce GTX 105...", "NVIDIA GeForce RTX 4060 ..."). */
function splitTruncation(name: string): { visible: string; truncated: boolean; partialLast: boolean } {
  const m = /^(.*?)(\s*)(\.\.\.|…)\s*$/.exec(name);
  if (m === null) return { visible: name, truncated: false, partialLast: false };
  return { visible: m[1] ?? '', truncated: true, partialLast: (m[2] ?? '') === '' };
}

/** Every row consistent with the visible words of a truncated name. */
function truncatedCandidates<R extends NamedCc>(rows: readonly R[], tokens: string[], partialLast: boolean): R[] {
  const complete = partialLast ? tokens.slice(0, -1) : tokens;
  const partial = partialLast ? tokens[tokens.length - 1] : undefined;
  return rows.filter((row) => {
    const r = gpuNameTokens(row.name);
    if (!complete.every((t) => r.includes(t) || isVariant(t))) return false;
    const anchored = complete.some((t) => r.includes(t) && !isVariant(t));
    if (partial === undefined) return anchored;
    const partialInRow = r.some((t) => t.startsWith(partial) && !complete.includes(t));
    const partialVariant = [...VARIANT].some((v) => v.startsWith(partial));
    return partialInRow || (anchored && partialVariant);
  });
}

/** Rows whose words all appear in the query, where every extra query word is a harmless variant word. */
function fullCandidates<R extends NamedCc>(rows: readonly R[], tokens: string[]): R[] {
  return rows.filter((row) => {
    const r = gpuNameTokens(row.name);
    return r.length > 0 && r.every((t) => tokens.includes(t)) && tokens.every((t) => r.includes(t) || isVariant(t));
  });
}

function combine(cands: readonly NamedCc[]): CcMatch | null {
  const first = cands[0];
  if (first === undefined) return null;
  if (cands.some((c) => c.cc !== first.cc)) return null; // ambiguous for the CC: refuse to guess
  return { cc: first.cc, unconfirmed: cands.some((c) => !c.confirmed), matched: first.name };
}

/**
 * Tolerant, careful name → CC: words must match exactly ("RTX 4070" never matches "RTX 470"), the most
 * specific row wins ("RTX 5070 Ti" over "RTX 5070"), unknown extra words mean no match, and a truncated
 * name matches only when every consistent row has the same CC.
 */
export function matchGpuName<R extends NamedCc>(rows: readonly R[], gpuName: string): CcMatch | null {
  const { visible, truncated, partialLast } = splitTruncation(gpuName.trim());
  const tokens = gpuNameTokens(visible);
  if (!tokens.some((t) => !isVariant(t))) return null;
  if (truncated) {
    const cands = truncatedCandidates(rows, tokens, partialLast).sort((a, b) => gpuNameTokens(a.name).length - gpuNameTokens(b.name).length);
    const m = combine(cands);
    return m === null ? null : { ...m, candidates: cands.map((c) => c.name) };
  }
  const cands = fullCandidates(rows, tokens);
  const best = Math.max(0, ...cands.map((c) => gpuNameTokens(c.name).length));
  return combine(cands.filter((c) => gpuNameTokens(c.name).length === best));
}
