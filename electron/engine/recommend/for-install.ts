import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import type { Recommendation } from '../../../shared/schemas/recommend.js';
import { type RecommendInput, recommend } from './recommend.js';

/**
 * recommend()'s input for one detected install: GPU 0's compute capability and name, the driver, the platform,
 * the install's Python, kind and current torch; the wheel index from TORCHLIFT_TORCH_INDEX.
 */
export function recommendInputForInstall(report: DetectReport, install: Install, env: Record<string, string | undefined>): RecommendInput {
  const gpu = report.gpus[0];
  const index = env.TORCHLIFT_TORCH_INDEX?.trim();
  return {
    platform: report.platform,
    gpuCc: gpu?.computeCapability ?? install.torch?.deviceCapabilities?.[0] ?? null,
    gpuName: gpu?.name ?? null,
    driverVersion: report.driver.version,
    pythonVersion: install.python?.version ?? install.probe?.pythonVersion ?? null,
    app: install.kind,
    currentTorch: install.torch?.version ?? null,
    python: install.python?.path ?? null,
    env,
    ...(index ? { torchIndexBase: index } : {}),
  };
}

/** The recommendation for one detected install; 'no-nvidia-gpu' when the report lists no NVIDIA GPU. */
export function recommendForInstall(report: DetectReport, install: Install, env: Record<string, string | undefined>): Recommendation {
  return recommend(recommendInputForInstall(report, install, env));
}
