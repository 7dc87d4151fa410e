import fs from 'node:fs';
import path from 'node:path';
import { Settings } from '../../../shared/api/app-contract.js';
import { OFFICIAL_PYPI, OFFICIAL_TORCH_INDEX, PYPI_MIRRORS, torchMirror, type TorchMirrorStyle } from '../../../shared/sources/mirrors.js';

export { Settings };

/** `<dataDir>/settings.json`. */
export function settingsFile(dataDir: string): string {
  return path.join(dataDir, 'settings.json');
}

/** The defaults: follow the system language, official sources, no offline folder. */
export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/**
 * The stored settings (defaults for anything missing). A file that is not valid JSON or not valid settings is
 * ignored field by field where possible, never fatal: a damaged settings file must not stop the app.
 */
export function loadSettings(dataDir: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(settingsFile(dataDir), 'utf8'));
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
  const whole = Settings.safeParse(raw);
  if (whole.success) return whole.data;
  // Keep each field that is valid on its own.
  const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(Settings.shape) as Array<keyof Settings>) {
    const one = Settings.shape[key].safeParse(fields[key]);
    if (one.success) out[key] = one.data;
  }
  return Settings.parse(out);
}

/** Stores settings atomically (temporary file, then rename) and returns them as stored. */
export function saveSettings(dataDir: string, settings: Settings): Settings {
  const parsed = Settings.parse(settings);
  fs.mkdirSync(dataDir, { recursive: true });
  const file = settingsFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(parsed, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return parsed;
}

/** Where a goal downloads from, with the environment variables (TORCHLIFT_TORCH_INDEX, TORCHLIFT_PIP_INDEX) winning. */
export interface EffectiveSources {
  /** The torch wheels: an index root (`<root>/<variant>`) or a find-links page template with `{variant}`. */
  torch: { style: TorchMirrorStyle; template: string; name: string };
  /** The PEP 503 simple root for other packages. */
  pypi: string;
  /** Install offline from this folder (pip --no-index --find-links), or null. */
  localWheelDir: string | null;
  /** NVIDIA redistributables base URL, or null for NVIDIA's servers. */
  nvidiaBaseUrl: string | null;
}

/** The sources every goal uses by default, from the settings and the environment. */
export function effectiveSources(settings: Settings, env: NodeJS.ProcessEnv = process.env): EffectiveSources {
  const envTorch = env.TORCHLIFT_TORCH_INDEX?.trim();
  const src = settings.torchSource;
  let torch: EffectiveSources['torch'];
  if (envTorch) torch = { style: 'index', template: `${envTorch.replace(/\/+$/, '')}/{variant}`, name: 'TORCHLIFT_TORCH_INDEX' };
  else if (src.kind === 'mirror') {
    const m = torchMirror(src.mirror);
    torch = m ? { style: m.style, template: m.template, name: m.name } : { style: 'index', template: `${OFFICIAL_TORCH_INDEX}/{variant}`, name: 'official' };
  } else if (src.kind === 'custom') {
    const url = src.url.replace(/\/+$/, '');
    torch = { style: src.style, template: url.includes('{variant}') ? url : `${url}/{variant}`, name: 'custom' };
  } else torch = { style: 'index', template: `${OFFICIAL_TORCH_INDEX}/{variant}`, name: 'official' };
  const envPip = env.TORCHLIFT_PIP_INDEX?.trim();
  const preset = PYPI_MIRRORS.find((m) => m.name === settings.pypiMirror);
  const pypi = envPip || (preset ? preset.url : settings.pypiMirror) || OFFICIAL_PYPI;
  return { torch, pypi, localWheelDir: settings.localWheelDir, nvidiaBaseUrl: settings.nvidiaBaseUrl };
}
