import fs from 'node:fs/promises';
import path from 'node:path';

/** A realistic cu118 torch/lib swap set (10 files, ~2 GB): sizes like the real cuDNN 8 / CUDA 11 DLLs, in MB. */
export const DLL_SIZES_MB: readonly (readonly [string, number])[] = [
  ['cudnn_cnn_infer64_8.dll', 720], ['cublasLt64_11.dll', 560], ['cudnn_adv_infer64_8.dll', 125], ['cudnn_adv_train64_8.dll', 116],
  ['cublas64_11.dll', 95], ['cudnn_cnn_train64_8.dll', 95], ['cudnn_ops_infer64_8.dll', 90], ['cudnn_ops_train64_8.dll', 70],
  ['cudart64_110.dll', 0.5], ['cudnn64_8.dll', 0.3],
];

/** The bench's machine: an A1111-style torch/lib with old DLLs, an unpacked cuDNN archive with new ones, a cp target. */
export interface DllSwapFixture {
  lib: string;
  sources: string[];
  targets: string[];
  cpDir: string;
  totalBytes: number;
}

/** Writes the old and new DLL sets under `root` (`scale` shrinks every size). */
export async function makeDllSwapFixture(root: string, scale: number): Promise<DllSwapFixture> {
  const lib = path.join(root, 'sd webui', 'venv', 'Lib', 'site-packages', 'torch', 'lib');
  const src = path.join(root, 'cudnn-windows-x86_64-8.9.7.29_cuda11-archive', 'bin');
  const cpDir = path.join(root, 'cp-target');
  await Promise.all([lib, src, cpDir].map((d) => fs.mkdir(d, { recursive: true })));
  let totalBytes = 0;
  for (const [name, mb] of DLL_SIZES_MB) {
    const bytes = Math.round(mb * 1024 * 1024 * scale);
    totalBytes += bytes;
    await writeFilled(path.join(lib, name), bytes, 1);
    await writeFilled(path.join(src, name), bytes, 2);
  }
  return {
    lib, cpDir, totalBytes,
    sources: DLL_SIZES_MB.map(([name]) => path.join(src, name)),
    targets: DLL_SIZES_MB.map(([name]) => path.join(lib, name)),
  };
}

/** Writes `bytes` of non-repeating-looking content without holding the file in memory. */
async function writeFilled(file: string, bytes: number, seed: number): Promise<void> {
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761 + seed * 97) >>> 0, i);
  const handle = await fs.open(file, 'w');
  try {
    for (let done = 0, n = 0; done < bytes; n += 1) {
      const len = Math.min(chunk.length, bytes - done);
      chunk.writeUInt32LE(n, 0);
      await handle.write(chunk, 0, len, done);
      done += len;
    }
  } finally {
    await handle.close();
  }
}
