import type { Refusal } from '../../../../shared/schemas/tx.js';

/** The versions a dll-swap plan moves between (from: what the install's torch reports; to: the source folder's). */
export interface SwapVersions {
  cudnnDir: string | null;
  cudnn: { from: string | null; to: string | null };
  cudaDir: string | null;
  cuda: { from: string | null; to: string | null };
}

/**
 * Refusals about versions, before anything is touched: a cuDNN folder whose version cannot be read (the swap could
 * not be verified: the probe must see the new version), and any downgrade (older cuDNN or CUDA than installed). Pure.
 */
export function versionRefusals(v: SwapVersions): Refusal[] {
  const out: Refusal[] = [];
  if (v.cudnnDir !== null && v.cudnn.to === null) {
    out.push({
      code: 'cudnn-version-unknown',
      message: `The cuDNN version in "${v.cudnnDir}" cannot be read: include/cudnn_version.h is missing and the folder name has no version, so the swap could not be verified.`,
      fix: 'Pass the root of the complete unpacked cuDNN archive (with include/cudnn_version.h), under its original name such as cudnn-windows-x86_64-8.9.7.29_cuda11-archive.',
    });
  }
  if (v.cudnnDir !== null && older(v.cudnn.to, v.cudnn.from)) {
    out.push({
      code: 'cudnn-downgrade',
      message: `"${v.cudnnDir}" has cuDNN ${v.cudnn.to ?? ''}, older than the cuDNN ${v.cudnn.from ?? ''} this install uses now. TorchLift does not downgrade.`,
      fix: `Use a cuDNN archive of version ${v.cudnn.from ?? ''} or newer. To undo an earlier swap, use "torchlift rollback" (see "torchlift history").`,
    });
  }
  if (v.cudaDir !== null && older(v.cuda.to, v.cuda.from)) {
    out.push({
      code: 'cuda-downgrade',
      message: `"${v.cudaDir}" is CUDA ${v.cuda.to ?? ''}, older than the CUDA ${v.cuda.from ?? ''} this torch build uses. TorchLift does not downgrade.`,
      fix: `Use a CUDA toolkit of version ${v.cuda.from ?? ''} or newer (same major). To undo an earlier swap, use "torchlift rollback".`,
    });
  }
  return out;
}

/** True when version `a` is known and older than the known version `b` ("8.7.0" < "8.9.7", "12.1" < "12.4"). Pure. */
export function older(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const pa = numbers(a);
  const pb = numbers(b);
  if (pa.length === 0 || pb.length === 0) return false;
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

function numbers(v: string): number[] {
  const m = /^\d+(?:\.\d+)*/.exec(v.trim());
  return m ? m[0].split('.').map(Number) : [];
}

/** "CUDA 11.8 → 12.1, cuDNN 8.7.0 → 8.9.7" for the journal's intent; an unknown side reads "?". Pure. */
export function swapSummary(v: SwapVersions): string {
  const parts: string[] = [];
  if (v.cudaDir !== null) parts.push(`CUDA ${v.cuda.from ?? '?'} → ${v.cuda.to ?? '?'}`);
  if (v.cudnnDir !== null) parts.push(`cuDNN ${v.cudnn.from ?? '?'} → ${v.cudnn.to ?? '?'}`);
  return parts.join(', ');
}
