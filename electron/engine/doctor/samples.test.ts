import { describe, expect, it } from 'vitest';
import { type Sample, type SampleCategory, loadSamples } from '../../../e2e/fixtures/samples.js';
import type { DoctorReport } from '../../../shared/schemas/doctor.js';
import { DoctorReport as DoctorReportSchema } from '../../../shared/schemas/doctor.js';
import type { FindingCode } from '../../../shared/schemas/finding.js';
import { doctorText } from './doctor-text.js';
import { CUDA_ONLY_CODES } from './rules/index.js';

// /work/shared/README.md: sample tags → finding codes (an array = any one of them).
const TAGS: Record<string, FindingCode | FindingCode[]> = {
  DRIVER_TOO_OLD: 'driver-too-old',
  DRIVER_TOO_OLD_FOR_CU130: 'driver-too-old',
  CPU_ONLY_TORCH: 'cpu-only-torch',
  XFORMERS_TORCH_MISMATCH: 'xformers-torch-mismatch',
  TORCHVISION_TORCH_MISMATCH: 'torchvision-torch-mismatch',
  ARCH_UNSUPPORTED_BY_TORCH: 'gpu-arch-unsupported',
  GPU_TOO_OLD_FOR_TORCH: 'gpu-too-old-for-torch',
  GPU_TOO_OLD_FOR_TORCH_BUILD: 'gpu-too-old-for-torch',
  CUDNN_DLL_NOT_FOUND: 'cudnn-dll-missing',
  CUDNN_MAJOR_MISMATCH: 'cudnn-major-mismatch',
  TORCH_DLL_LOAD_FAILURE: 'torch-dll-load-failed',
  TOOLKIT_TORCH_CUDA_MISMATCH_FOR_SOURCE_BUILD: 'toolkit-torch-mismatch',
  TORCH_TOO_OLD_FOR_WEBUI: 'torch-too-old-for-app',
  VERSION_DRIFT: 'torch-too-old-for-app',
  NO_MATCHING_TORCH_WHEEL: 'no-matching-torch-wheel',
  NO_DRIVER: ['driver-not-installed', 'driver-not-loaded'],
  NO_DRIVER_VISIBLE: ['driver-not-installed', 'driver-not-loaded'],
  NOT_NVIDIA: 'no-nvidia-gpu',
  NO_NVIDIA_GPU: 'no-nvidia-gpu',
  NOT_NVIDIA_PLATFORM: 'no-nvidia-gpu',
  WRONG_ENVIRONMENT: 'wrong-environment',
  PINNED_TORCH_COMMAND: 'launcher-pins-torch',
  QUOTED_SET_SYNTAX: 'launcher-config-syntax',
};

/** Expected codes from EXPECTED_DIAGNOSIS / DIAGNOSIS / FLAGS, each as a set of acceptable codes. */
function expectedCodes(s: Sample): FindingCode[][] {
  const text = [s.header.EXPECTED_DIAGNOSIS, s.header.DIAGNOSIS, s.header.FLAGS].filter(Boolean).join(' ');
  const out: FindingCode[][] = [];
  for (const tag of text.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? []) {
    const code = TAGS[tag];
    if (code !== undefined) out.push(Array.isArray(code) ? code : [code]);
  }
  if (/--skip-torch-cuda-test present/i.test(s.header.FLAGS ?? '')) out.push(['skip-torch-cuda-test']);
  if (isNoNvidia(s)) out.push(['no-nvidia-gpu']);
  return out;
}

function isNoNvidia(s: Sample): boolean {
  const all = [s.header.EXPECTED_DIAGNOSIS, s.header.DIAGNOSIS, s.header.EXPECTED].join(' ');
  return /NOT_NVIDIA|NO_NVIDIA_GPU|NO NVIDIA stack|-> NO CUDA\b/i.test(all);
}

const DIAGNOSED: SampleCategory[] = ['D_collect_env', 'E_error_logs', 'F_launch_configs'];

describe.each(DIAGNOSED)('doctorText on %s samples', (category) => {
  const samples = loadSamples(category);
  it.each(samples.map((s) => [s.file, s] as const))('%s', (_file, sample) => {
    for (const lang of ['en', 'ja', 'zh-CN'] as const) {
      const report = doctorText(sample.text, lang, {});
      expect(DoctorReportSchema.safeParse(report).success).toBe(true);
      const codes = report.findings.map((f) => f.code);
      for (const alternatives of expectedCodes(sample)) {
        expect(codes.some((c) => alternatives.includes(c)), `${sample.file} ${lang}: expected ${alternatives.join('|')} in [${codes.join(', ')}]`).toBe(true);
      }
      if (isNoNvidia(sample)) expect(codes.filter((c) => CUDA_ONLY_CODES.has(c))).toEqual([]);
      for (const f of report.findings) {
        expect(`${f.title}${f.detail}${f.fix}`, `${sample.file} ${f.code}`).not.toMatch(/\{\{|undefined/);
        expect(f.evidence.length, `${sample.file} ${f.code} evidence`).toBeGreaterThan(0);
      }
    }
  });
});

// Extraction: the EXPECTED / EXTRACT headers, key=value; the value's first token.
const KEYS: Record<string, keyof DoctorReport['extracted'] | 'gpuCount'> = {
  driver: 'driverVersion', max_cuda: 'maxCudaVersion', driver_cuda_api: 'maxCudaVersion', gpu_count: 'gpuCount', attached_gpus: 'gpuCount',
  toolkit: 'toolkitVersion', 'cuda_runtime(nvcc)': 'toolkitVersion', nvcc_toolkit: 'toolkitVersion', nvcc: 'toolkitVersion',
  torch: 'torchVersion', installed_torch: 'torchVersion', cuda_build: 'torchCudaVersion', python: 'pythonVersion',
  xformers_version: 'xformersVersion', xformers_built_for_torch: 'xformersBuiltForTorch', xformers_built_for: 'xformersBuiltForTorch',
  cudnn: 'cudnnVersion',
};

function expectations(s: Sample): [string, keyof DoctorReport['extracted'] | 'gpuCount', string | number | null][] {
  const raw = [s.header.EXPECTED, s.header.EXTRACT].filter(Boolean).join('; ');
  const out: [string, keyof DoctorReport['extracted'] | 'gpuCount', string | number | null][] = [];
  for (const part of raw.split(';')) {
    const m = /^\s*([\w()]+)(?:\s*\([^)]*\))?\s*=\s*(.*)$/.exec(part);
    if (!m?.[1] || m[2] === undefined) continue;
    const field = KEYS[m[1]];
    const value = m[2].trim().split(/\s+/)[0]?.replace(/[,;]$/, '') ?? '';
    if (field === undefined || value === '' || /^(Could|unknown|N\/A|python_embeded)/i.test(value) || /x$/.test(value)) continue;
    if (field === 'gpuCount') out.push([m[1], field, Number(value)]);
    else if (value === 'ABSENT') out.push([m[1], field, null]);
    else if (/^\d/.test(value)) out.push([m[1], field, value.replace(/^\((.*)\)$/, '$1')]);
  }
  return out;
}

function normalise(field: string, v: string | null): string | null {
  if (v === null) return null;
  if (field === 'toolkitVersion' || field === 'torchCudaVersion' || field === 'maxCudaVersion') return /^(\d+\.\d+)/.exec(v)?.[1] ?? v;
  return v;
}

describe.each(['A_nvidia_smi', 'B_nvidia_smi_query', 'C_nvcc', 'D_collect_env', 'E_error_logs'] as SampleCategory[])('extraction from %s samples', (category) => {
  const samples = loadSamples(category);
  it.each(samples.map((s) => [s.file, s] as const))('%s', (_file, sample) => {
    const { extracted } = doctorText(sample.text, 'en', {});
    for (const [key, field, value] of expectations(sample)) {
      if (field === 'gpuCount') expect(extracted.gpus.length, `${sample.file} ${key}`).toBe(value);
      else expect(normalise(field, extracted[field] as string | null), `${sample.file} ${key}`).toBe(normalise(field, value as string | null));
    }
  });
});
