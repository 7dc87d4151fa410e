import { makeFinding } from '../make-finding.js';
import { clip, linesMatching } from '../normalise.js';
import type { Rule } from '../rule-context.js';

const OOM = /CUDA out of memory|torch\.(?:cuda\.)?OutOfMemoryError|CUDA error: out of memory|cudaErrorMemoryAllocation|CUBLAS_STATUS_ALLOC_FAILED|Allocation on device(?: \d+)? would exceed allowed memory/i;
// Apps whose launcher takes --medvram/--lowvram (A1111, Forge, SD.Next and their forks), ComfyUI, and trainers.
const A1111 = /stable-diffusion-webui|webui-user\.(?:bat|sh)|\bwebui\.(?:py|bat|sh)\b|modules[/\\](?:processing|sd_samplers|launch_utils|sd_models)\.py|\bsd\.next\b|\bForge\b|SD_webui|秋叶|aki/i;
const COMFY = /ComfyUI|comfy[/\\]|model_management\.py|python_embeded/i;
const TRAINER = /kohya|sd-scripts|train_network\.py|sdxl_train|OneTrainer|accelerate launch|ai-toolkit/i;

/**
 * cuda-out-of-memory: the GPU ran out of memory. Not a stack problem (CUDA works), so no driver/torch advice:
 * `--medvram`/`--lowvram` for A1111-family apps, `--lowvram` for ComfyUI, lower batch/resolution otherwise.
 */
export const cudaOutOfMemory: Rule = (ctx) => {
  if (ctx.source !== 'text' || !OOM.test(ctx.text)) return null;
  const line = ctx.lines.find((l) => OOM.test(l)) ?? '';
  const key = TRAINER.test(ctx.text) ? 'fixTrainer' : A1111.test(ctx.text) ? 'fixA1111' : COMFY.test(ctx.text) ? 'fixComfy' : 'fix';
  const quoted = /(?:CUDA out of memory|out of memory)[^.]*\./i.exec(line)?.[0] ?? clip(line, 120);
  return makeFinding(ctx.lang, {
    code: 'cuda-out-of-memory',
    severity: 'warning',
    params: { line: clip(quoted, 160) },
    fix: [{ key }],
    evidence: linesMatching(ctx.lines, OOM, 2),
  });
};
