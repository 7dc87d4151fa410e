import path from 'node:path';
import type { LauncherConfig } from '../../../shared/schemas/detect.js';
import { parseLauncherConfig } from '../parsers/launcher-config.js';
import type { DetectContext } from './detect-context.js';
import { readTextOrNull } from './fs-safe.js';

/** Reads the A1111-style launcher config (webui-user.bat on windows first, webui-user.sh first elsewhere). */
export async function readLauncherConfig(dir: string, ctx: DetectContext): Promise<LauncherConfig | null> {
  const order = ctx.platform === 'windows' ? ['webui-user.bat', 'webui-user.sh'] : ['webui-user.sh', 'webui-user.bat'];
  for (const name of order) {
    const file = path.join(dir, name);
    const text = await readTextOrNull(file, 256 * 1024);
    if (text === null) continue;
    const parsed = parseLauncherConfig(text, name.endsWith('.bat') ? 'bat' : 'sh');
    return {
      file,
      vars: parsed.vars,
      commandlineArgs: parsed.commandlineArgs,
      problems: parsed.problems.map((p) => ({ line: p.line, kind: p.kind, message: p.message })),
    };
  }
  return null;
}
