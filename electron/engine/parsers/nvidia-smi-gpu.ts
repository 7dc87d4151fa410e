// The per-GPU record shared by every nvidia-smi output format, and how records from several formats merge.
import { capField } from './text-lines.js';

/** The most GPUs kept from one output (no machine has more); further rows are ignored, so work stays bounded. */
export const MAX_SMI_GPUS = 64;

/** One GPU as reported by nvidia-smi (any format). Missing facts are null. */
export interface SmiGpu {
  index: number;
  /** As printed; empty when only a GPU count is known (a cut-off -q / XML paste). */
  name: string;
  /** True when nvidia-smi cut the name with `...` (narrow table column); `name` then holds the printed prefix. */
  nameTruncated: boolean;
  memoryTotalMiB: number | null;
  memoryUsedMiB: number | null;
  /** e.g. "8.9"; only the CSV query with `compute_cap` reports it. */
  computeCapability: string | null;
  uuid: string | null;
}

/** What one format-specific pass found. */
export interface SmiPart {
  gpus: SmiGpu[];
  evidence: string[];
}

/** A GPU record with only the index and name known. */
export function newGpu(index: number, rawName: string): SmiGpu {
  // Control characters stripped, an absurdly long name cut with a marker (capField).
  const trimmed = capField(rawName.trim()).trim();
  const truncated = /(?:\.\.\.|…)$/.test(trimmed);
  const name = truncated ? trimmed.slice(0, trimmed.endsWith('…') ? -1 : -3).trimEnd() : trimmed;
  return {
    index,
    name,
    nameTruncated: truncated,
    memoryTotalMiB: null,
    memoryUsedMiB: null,
    computeCapability: null,
    uuid: null,
  };
}

/** Merges GPU lists from several formats by index; earlier lists win for each field, full names beat truncated ones. */
export function mergeGpuLists(lists: readonly SmiGpu[][]): SmiGpu[] {
  const byIndex = new Map<number, SmiGpu>();
  for (const list of lists) {
    for (const gpu of list) {
      const seen = byIndex.get(gpu.index);
      if (seen === undefined && byIndex.size >= MAX_SMI_GPUS) continue;
      byIndex.set(gpu.index, seen === undefined ? { ...gpu } : mergeGpu(seen, gpu));
    }
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

function mergeGpu(kept: SmiGpu, other: SmiGpu): SmiGpu {
  const takeOtherName = (kept.nameTruncated || kept.name === '') && other.name !== '' && !other.nameTruncated;
  return {
    index: kept.index,
    name: takeOtherName || kept.name === '' ? other.name : kept.name,
    nameTruncated: takeOtherName ? false : kept.name === '' ? other.nameTruncated : kept.nameTruncated,
    memoryTotalMiB: kept.memoryTotalMiB ?? other.memoryTotalMiB,
    memoryUsedMiB: kept.memoryUsedMiB ?? other.memoryUsedMiB,
    computeCapability: kept.computeCapability ?? other.computeCapability,
    uuid: kept.uuid ?? other.uuid,
  };
}
