import type { Refusal } from '../../../../shared/schemas/tx.js';
import { coerceVersion, compareVersions } from '../../../../shared/versions.js';
import { refusal } from '../../i18n/engine-text.js';

/** The versions a dll-swap plan moves between (from: what the install's torch reports; to: the source folder's). */
export interface SwapVersions {
  cudnnDir: string | null;
  cudnn: { from: string | null; to: string | null };
  cudaDir: string | null;
  cuda: { from: string | null; to: string | null };
}

/**
 * Refusals about versions, before anything is touched: a cuDNN folder whose version cannot be read (the swap could
 * not be verified: the probe must see the new version), and any downgrade (older cuDNN or CUDA than installed).
 * English (plan.ts localizes them). Pure.
 */
export function versionRefusals(v: SwapVersions): Refusal[] {
  const out: Refusal[] = [];
  if (v.cudnnDir !== null && v.cudnn.to === null) out.push(refusal({ lang: 'en', code: 'cudnn-version-unknown', params: { dir: v.cudnnDir } }));
  if (v.cudnnDir !== null && older(v.cudnn.to, v.cudnn.from)) {
    out.push(refusal({ lang: 'en', code: 'cudnn-downgrade', params: { dir: v.cudnnDir, have: v.cudnn.to ?? '', installed: v.cudnn.from ?? '' } }));
  }
  if (v.cudaDir !== null && older(v.cuda.to, v.cuda.from)) {
    out.push(refusal({ lang: 'en', code: 'cuda-downgrade', params: { dir: v.cudaDir, have: v.cuda.to ?? '', installed: v.cuda.from ?? '' } }));
  }
  return out;
}

/**
 * True when version `a` is known and older than the known version `b` ("8.7.0" < "8.9.7", "12.1" < "12.4"), by the
 * one shared comparison (shared/versions.ts). Its three parts are enough here: a fourth (cuDNN's build number,
 * "8.9.7.29") never decides a downgrade. Pure.
 */
export function older(a: string | null, b: string | null): boolean {
  if (a === null || b === null || coerceVersion(a) === null || coerceVersion(b) === null) return false;
  return compareVersions(a, b) < 0;
}

/** "CUDA 11.8 → 12.1, cuDNN 8.7.0 → 8.9.7" for the journal's intent; an unknown side reads "?". Pure. */
export function swapSummary(v: SwapVersions): string {
  const parts: string[] = [];
  if (v.cudaDir !== null) parts.push(`CUDA ${v.cuda.from ?? '?'} → ${v.cuda.to ?? '?'}`);
  if (v.cudnnDir !== null) parts.push(`cuDNN ${v.cudnn.from ?? '?'} → ${v.cudnn.to ?? '?'}`);
  return parts.join(', ');
}
