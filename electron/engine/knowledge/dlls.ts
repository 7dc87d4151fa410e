import { dllRows } from './load.js';

/** torch\lib DLL names of a Windows CUDA wheel (§6a): exact files, wildcard patterns, and whether all rows are confirmed. */
export interface WindowsDllNames {
  cuda: string[];
  cudnn: string[];
  companions: string[];
  patterns: string[];
  confirmed: boolean;
}

/** DLL names for a CUDA major (11, 12, 13) and cuDNN major (8, 9); null when the knowledge base has neither. */
export function windowsDllNames(cudaMajor: number, cudnnMajor: number): WindowsDllNames | null {
  const rows = dllRows();
  const cuda = rows.find((r) => r.kind === 'cuda' && r.major === cudaMajor);
  const cudnn = rows.find((r) => r.kind === 'cudnn' && r.major === cudnnMajor);
  if (cuda === undefined && cudnn === undefined) return null;
  const companions = rows.filter((r) => r.kind === 'companion' && (r.major === null || r.major === cudnnMajor));
  const used = [cuda, cudnn, ...companions].filter((r) => r !== undefined);
  return {
    cuda: [...(cuda?.files ?? [])],
    cudnn: [...(cudnn?.files ?? [])],
    companions: companions.flatMap((r) => r.files),
    patterns: used.flatMap((r) => r.patterns),
    confirmed: cuda !== undefined && cudnn !== undefined && used.every((r) => r.confirmed),
  };
}

/** Which component a torch\lib file belongs to ('cuda', 'cudnn', 'companion'), by exact name or pattern; null if unknown. */
export function classifyTorchLibFile(file: string): 'cuda' | 'cudnn' | 'companion' | null {
  const lower = file.toLowerCase();
  for (const r of dllRows()) {
    if (r.files.some((f) => f.toLowerCase() === lower)) return r.kind;
  }
  for (const r of dllRows()) {
    if (r.patterns.some((p) => globToRegExp(p).test(lower))) return r.kind;
  }
  return null;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
