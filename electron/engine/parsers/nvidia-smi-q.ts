// `nvidia-smi -q` text ("Product Name : ...", "FB Memory Usage / Total : 8192 MiB") and `-q -x` XML.
import { intOrNull, valueOrNull } from './text-lines.js';
import { newGpu, type SmiGpu, type SmiPart } from './nvidia-smi-gpu.js';

const GPU_BLOCK = /^\s*GPU\s+(?:[0-9A-Fa-f]{4,8}:)?[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f]\s*$/;
// The key is taken greedily and trimmed after: a lazy key followed by `\s*:` retries the space runs (quadratic time).
const KEY_VALUE = /^\s*([A-Za-z][A-Za-z0-9 ./()-]*):\s*(.*)$/;
const SECTION = /^\s*[A-Za-z][A-Za-z0-9 ./()-]*$/;

/** Parses the per-GPU blocks of `nvidia-smi -q` text output. */
export function parseSmiQueryText(lines: readonly string[]): SmiPart {
  const gpus: SmiGpu[] = [];
  const evidence: string[] = [];
  let current: SmiGpu | null = null;
  let section = '';
  for (const line of lines) {
    if (GPU_BLOCK.test(line)) {
      current = newGpu(gpus.length, '');
      gpus.push(current);
      section = '';
      evidence.push(line.trim());
      continue;
    }
    const pair = KEY_VALUE.exec(line);
    if (pair?.[1] === undefined) {
      if (SECTION.test(line)) section = line.trim();
      continue;
    }
    const [key, value] = [pair[1].trimEnd(), pair[2] ?? ''];
    if (key === 'Product Name') {
      if (current === null || current.name !== '') {
        current = newGpu(gpus.length, '');
        gpus.push(current);
      }
      const named = newGpu(current.index, value);
      current.name = named.name;
      current.nameTruncated = named.nameTruncated;
    } else if (current !== null && key === 'GPU UUID') {
      current.uuid = valueOrNull(value);
    } else if (current !== null && section === 'FB Memory Usage' && (key === 'Total' || key === 'Used')) {
      if (key === 'Total') current.memoryTotalMiB = intOrNull(value);
      else current.memoryUsedMiB = intOrNull(value);
    } else {
      continue;
    }
    evidence.push(line.trim());
  }
  return { gpus, evidence };
}

/** Parses the `<gpu>` elements of `nvidia-smi -q -x` XML (tolerates a cut-off document). */
export function parseSmiXml(text: string): SmiPart {
  const gpus: SmiGpu[] = [];
  const evidence: string[] = [];
  const chunks = text.split(/<gpu\b[^>\n]{0,200}>/).slice(1);
  for (const chunk of chunks) {
    const name = /<product_name>([^<]*)<\/product_name>/.exec(chunk);
    const gpu = newGpu(gpus.length, name?.[1] ?? '');
    const uuid = /<uuid>([^<]*)<\/uuid>/.exec(chunk);
    gpu.uuid = valueOrNull(uuid?.[1]);
    const memory = between(chunk, '<fb_memory_usage>', '</fb_memory_usage>');
    gpu.memoryTotalMiB = intOrNull(/<total>([^<]*)<\/total>/.exec(memory)?.[1]);
    gpu.memoryUsedMiB = intOrNull(/<used>([^<]*)<\/used>/.exec(memory)?.[1]);
    for (const match of [name, uuid]) if (match) evidence.push(match[0]);
    gpus.push(gpu);
  }
  return { gpus, evidence };
}

/** The text between the first `open` and the `close` after it ('' when either is missing); indexOf keeps it linear. */
function between(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  const end = start === -1 ? -1 : text.indexOf(close, start + open.length);
  return end === -1 ? '' : text.slice(start + open.length, end);
}
