import fs from 'node:fs/promises';
import path from 'node:path';
import type { CudaEnvVar } from '../../../../shared/schemas/cuda.js';
import { systemRoot, type DetectContext } from '../../detect/detect-context.js';
import { run } from '../../process/run.js';

/**
 * Sets user-level environment variables (no administrator rights): HKCU\Environment through reg.exe on Windows (new
 * programs see them; a running one does not). A simulated Windows machine on Linux keeps them in its registry stand-in.
 * On Linux nothing global is changed: the toolkit carries torchlift-env.sh to source. Returns what it did, in words.
 */
export async function setUserEnv(ctx: DetectContext, vars: readonly CudaEnvVar[]): Promise<string[]> {
  const user = vars.filter((v) => v.scope === 'user');
  if (user.length === 0 || ctx.platform !== 'windows') return [];
  const done: string[] = [];
  if (process.platform === 'win32') {
    for (const v of user) {
      const r = await run('reg', ['add', 'HKCU\\Environment', '/v', v.name, '/t', 'REG_EXPAND_SZ', '/d', v.value, '/f'], { name: 'reg', env: ctx.env });
      done.push(r.ok ? `set ${v.name}=${v.value} (user)` : `could not set ${v.name}: ${r.stderr.trim()}`);
    }
    return done;
  }
  const file = path.join(systemRoot(ctx), '.sim', 'registry', 'HKCU-Environment.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  let current: Record<string, string> = {};
  try {
    current = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, string>;
  } catch {
    current = {};
  }
  for (const v of user) {
    current[v.name] = v.value;
    done.push(`set ${v.name}=${v.value} (user)`);
  }
  await fs.writeFile(file, JSON.stringify(current, null, 2));
  return done;
}

/** The sh snippet a Linux user-mode toolkit carries (sourced from ~/.bashrc by the user, if they want it). */
export function envScript(target: string, mm: string): string {
  const q = `'${target.replace(/'/g, `'\\''`)}'`;
  return `# CUDA ${mm} installed by TorchLift (user mode). Use it with: . ${q}/torchlift-env.sh\nexport CUDA_PATH=${q}\nexport CUDA_HOME=${q}\nexport PATH="$CUDA_PATH/bin:$PATH"\nexport LD_LIBRARY_PATH="$CUDA_PATH/lib64:$CUDA_PATH/lib\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"\n`;
}
