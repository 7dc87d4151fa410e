// `nvidia-smi -L` lines: "GPU 0: Quadro RTX 4000 (UUID: GPU-c7b57be0-...)".
import { newGpu, type SmiGpu, type SmiPart } from './nvidia-smi-gpu.js';

// The closing parenthesis is optional: pasted lines are sometimes cut.
// The name starts at a non-blank and has one `\s` before "(UUID:": `\s*(.+?)\s+\(` would retry every space run.
const LIST_LINE = /^\s*GPU\s+(\d+)\s*[:：]\s*(\S.*?)\s\(UUID:\s*(GPU-[0-9A-Fa-f-]+)\)?\s*$/;

/** Parses the GPU list printed by `nvidia-smi -L` (MIG sub-device lines are ignored). */
export function parseSmiList(lines: readonly string[]): SmiPart {
  const gpus: SmiGpu[] = [];
  const evidence: string[] = [];
  for (const line of lines) {
    const match = LIST_LINE.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const gpu = newGpu(Number(match[1]), match[2]);
    gpu.uuid = match[3] ?? null;
    gpus.push(gpu);
    evidence.push(line.trim());
  }
  return { gpus, evidence };
}
