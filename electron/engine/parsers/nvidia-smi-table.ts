// GPU rows of the default `nvidia-smi` table (79-col TCC/WDDM era, 85-col R5xx, 89-col r545+ with Driver-Model).
import { newGpu, type SmiGpu, type SmiPart } from './nvidia-smi-gpu.js';

// The name starts at a non-blank and has one `\s` before On/Off (newGpu trims it): `\s+(.*?)\s+On` would retry
// every space run (time quadratic in the line's length).
// "|   0  NVIDIA GeForce RTX 4070        Off |   00000000:2D:00.0  On |" and "|   0  GeForce GTX 105... WDDM  | 0000..."
const GPU_ROW =
  /^\s*\|\s*(\d+)\s+(\S.*?)\s(?:On|Off|WDDM|TCC|MCDM|N\/A)\s*\|\s*(?:[0-9A-Fa-f]{4,8}:)?[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f]/;
// "|     430MiB /  12282MiB |" on the row below.
const MEMORY = /(\d+)\s*MiB\s*\/\s*(\d+)\s*MiB/;

/** Finds GPU rows (and their memory usage on the following line) in the default table. */
export function parseSmiTable(lines: readonly string[]): SmiPart {
  const gpus: SmiGpu[] = [];
  const evidence: string[] = [];
  lines.forEach((line, i) => {
    const row = GPU_ROW.exec(line);
    if (row?.[1] === undefined || row[2] === undefined) return;
    const gpu = newGpu(Number(row[1]), row[2]);
    evidence.push(line.trim());
    for (const next of lines.slice(i + 1, i + 3)) {
      const memory = MEMORY.exec(next);
      if (memory?.[1] === undefined || memory[2] === undefined) continue;
      gpu.memoryUsedMiB = Number(memory[1]);
      gpu.memoryTotalMiB = Number(memory[2]);
      evidence.push(next.trim());
      break;
    }
    gpus.push(gpu);
  });
  return { gpus, evidence };
}
