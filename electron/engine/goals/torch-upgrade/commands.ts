import type { Platform } from '../../../../shared/schemas/detect.js';
import type { Target } from '../../../../shared/schemas/recommend.js';
import { type PinnedPackage, type PipCommand, type PipSource, buildPipInstall } from '../../commands/pip.js';

/*
 * Every pip command the torch upgrade runs or writes, built by the one pip builder from the same pins, so the
 * property test (commands/commands.property.test.ts) checks exactly what the wizard uses.
 */

/** The exact pins of the upgrade: torch, its torchvision (and torchaudio where installed) and the paired xformers. */
export function upgradePins(target: Target, xformers: string | null, torchaudio: string | null): PinnedPackage[] {
  const pins: PinnedPackage[] = [{ name: 'torch', version: target.torch }];
  if (target.torchvision !== null) pins.push({ name: 'torchvision', version: target.torchvision });
  if (torchaudio !== null) pins.push({ name: 'torchaudio', version: torchaudio });
  if (xformers !== null) pins.push({ name: 'xformers', version: xformers });
  return pins;
}

/** The install's pip asked what it would install (`--dry-run --report`, binary wheels only); nothing is installed. */
export function resolutionCommand(args: { python: string; platform: Platform; pins: PinnedPackage[]; source: PipSource; report: string }): PipCommand {
  return buildPipInstall({
    python: args.python, platform: args.platform, packages: args.pins, source: args.source,
    flags: ['--dry-run', '--report', args.report, '--only-binary=:all:', '--no-cache-dir', '--quiet', '--disable-pip-version-check'],
  });
}

/** The offline install of the verified wheels, every pin exact, no dependency resolution. */
export function offlineInstallCommand(args: { python: string; platform: Platform; packages: PinnedPackage[]; wheelDir: string }): PipCommand {
  return buildPipInstall({
    python: args.python, platform: args.platform, packages: args.packages,
    source: { kind: 'local', dirs: [args.wheelDir] },
    // --no-compile: no .pyc written now (Python writes them on first import), so what pip leaves is exactly the wheels' files.
    flags: ['--no-deps', '--only-binary=:all:', '--no-cache-dir', '--no-compile', '--disable-pip-version-check', '--no-warn-script-location', '--progress-bar', 'off'],
  });
}

/** The launcher's TORCH_COMMAND (A1111 / Forge run it as `python -m <it>`): the pins without xformers. */
export function launcherTorchCommand(args: { platform: Platform; pins: PinnedPackage[]; source: PipSource }): string {
  return buildPipInstall({ python: 'python', platform: args.platform, packages: args.pins.filter((p) => p.name !== 'xformers'), source: launcherSource(args.source) }).args.slice(1).join(' ');
}

function launcherSource(source: PipSource): PipSource {
  if (source.kind === 'local') return source;
  // A1111 adds the torch index as an extra index (PyPI stays the main one for its other requirements).
  return source.kind === 'index' ? { kind: 'index', url: source.extraIndexUrls?.[0] ?? source.url, extraIndexUrls: [source.url] } : source;
}
