import type { TorchUpgradeInput } from '../../../../shared/schemas/torch-upgrade.js';
import { effectiveSources, loadSettings } from '../../settings/settings.js';

/**
 * The sources Settings chose, where the request names none: the torch mirror or custom index, the offline wheel
 * folder, and the PyPI mirror for the other packages (TORCHLIFT_TORCH_INDEX / TORCHLIFT_PIP_INDEX still win).
 */
export function withSettingsSources(input: TorchUpgradeInput, dataDir: string, env: NodeJS.ProcessEnv): { input: TorchUpgradeInput; env: NodeJS.ProcessEnv } {
  const settings = loadSettings(dataDir);
  const sources = effectiveSources(settings, env);
  const outEnv: NodeJS.ProcessEnv = env.TORCHLIFT_PIP_INDEX?.trim() ? env : { ...env, TORCHLIFT_PIP_INDEX: sources.pypi };
  if (input.source !== undefined || input.findLinks !== undefined || env.TORCHLIFT_TORCH_INDEX?.trim()) return { input, env: outEnv };
  if (sources.localWheelDir) return { input: { ...input, findLinks: sources.localWheelDir }, env: outEnv };
  const src = settings.torchSource;
  if (src.kind === 'mirror') return { input: { ...input, source: { kind: 'mirror', name: src.mirror } }, env: outEnv };
  if (src.kind === 'custom' && src.style === 'index') return { input: { ...input, source: { kind: 'url', url: src.url } }, env: outEnv };
  return { input, env: outEnv };
}
