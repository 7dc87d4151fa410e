import type { Platform } from '../../../shared/schemas/detect.js';

const SIGNS: readonly [Platform, RegExp, number][] = [
  ['macos', /\bmac\s?OS\b|\bOS X\b|\bdarwin\b|\bApple (?:M\d|Silicon)\b|\[Clang [\d.]+ \(clang-\d{3,4}\.|(?:^|[\s"'(])\/Users\/\w|\/opt\/homebrew\/|webui-macos-env\.sh|\bMPS backend\b/im, 5],
  ['windows', /\bWindows\b|\bWinError\b|\bWDDM\b|[A-Za-z]:\\\\?[\w .$~-]|\.exe\b|\.bat\b|\.dll\b|Press any key to continue|\bPS [A-Z]:\\/i, 2],
  ['linux', /\bLinux\b|\bUbuntu\b|\bDebian\b|\bFedora\b|\bRed Hat\b|\bArch Linux\b|\bNixOS\b|\/nix\/store\/|\bglibc\b|\/home\/\w|\/usr\/(?:lib|local|bin)\/|\.so(?:\.\d+)*\b|\bWSL2?\b|\bapt(?:-get)? install\b/i, 2],
];

/** The OS the pasted text comes from, when the text says so (strongest signal wins); null otherwise. */
export function platformFromText(text: string, osLine?: string | null): Platform | null {
  if (osLine) {
    if (/windows/i.test(osLine)) return 'windows';
    if (/mac\s?os|darwin|os x/i.test(osLine)) return 'macos';
    if (/linux|ubuntu|debian|red hat|centos|fedora|suse|arch/i.test(osLine)) return 'linux';
  }
  let best: Platform | null = null;
  let bestScore = 0;
  for (const [platform, pattern, weight] of SIGNS) {
    const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    const hits = Math.min(text.match(global)?.length ?? 0, 5);
    const score = hits * weight;
    if (score > bestScore) {
      best = platform;
      bestScore = score;
    }
  }
  return best;
}

/** A fallback guess when the text names no OS: only Linux drivers print three parts (550.40.07). */
export function platformFromDriver(driverVersion: string | null): Platform | null {
  return driverVersion !== null && /^\d+\.\d+\.\d+$/.test(driverVersion) ? 'linux' : null;
}
