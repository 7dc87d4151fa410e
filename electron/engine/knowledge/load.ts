import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { resourcesDir } from '../resources.js';
import { clearMemo } from './versions.js';
import { AppRow, ArchRow, CudaDriverRow, DllRow, GpuRow, TorchRow, XformersRow, knowledgeFile } from './schemas.js';

const cache = new Map<string, unknown>();

/** Reads and validates resources/knowledge/<file> once; a malformed file is a packaging bug and throws. */
function load<T extends z.ZodTypeAny>(file: string, row: T): z.infer<T>[] {
  const hit = cache.get(file);
  if (hit !== undefined) return hit as z.infer<T>[];
  const full = path.join(resourcesDir(), 'knowledge', file);
  const parsed = knowledgeFile(row).safeParse(JSON.parse(fs.readFileSync(full, 'utf8')));
  if (!parsed.success) throw new Error(`invalid knowledge file ${full}: ${parsed.error.message}`);
  cache.set(file, parsed.data.rows);
  return parsed.data.rows as z.infer<T>[];
}

/** Forget cached files (tests that point TORCHLIFT_RESOURCES elsewhere). */
export function clearKnowledgeCache(): void {
  cache.clear();
  clearMemo();
}

/** gpus.json rows. */
export const gpuRows = (): GpuRow[] => load('gpus.json', GpuRow);
/** cuda-drivers.json rows. */
export const cudaDriverRows = (): CudaDriverRow[] => load('cuda-drivers.json', CudaDriverRow);
/** torch-releases.json rows. */
export const torchRows = (): TorchRow[] => load('torch-releases.json', TorchRow);
/** torch-arch-lists.json rows. */
export const archRows = (): ArchRow[] => load('torch-arch-lists.json', ArchRow);
/** xformers.json rows. */
export const xformersRows = (): XformersRow[] => load('xformers.json', XformersRow);
/** windows-dlls.json rows. */
export const dllRows = (): DllRow[] => load('windows-dlls.json', DllRow);
/** apps.json rows. */
export const appRows = (): AppRow[] => load('apps.json', AppRow);
