import path from 'node:path';
import type { Install, LauncherConfig } from '../../../shared/schemas/detect.js';
import type { Msg } from '../../../shared/i18n/message.js';
import { detectMsg, renderIn } from '../i18n/msg-text.js';
import type { DetectContext } from './detect-context.js';
import { isDir, isFile, listNames } from './fs-safe.js';
import { classifyLayout, LAYOUT_MARKERS, type LayoutClass } from './install-kind.js';
import { findInterpreter, type Interpreter } from './interpreter.js';
import { readLauncherConfig } from './launcher.js';
import { scanLibraries } from './libraries.js';
import { readPackageFacts } from './package-facts.js';
import { readEnvLayout } from './site-packages.js';

/** An install as files describe it, plus what the probe needs. */
export interface QuickInstall {
  install: Install;
  interpreter: Interpreter | null;
}

/** Classifies a folder by its layout (one readdir + a few stats). Folders of one-click packages (webui/ + system/) use webui/. */
export async function classifyFolder(dir: string): Promise<{ dir: string; top: Set<string>; layout: LayoutClass }> {
  let top = new Set(await listNames(dir));
  if (!top.has('webui.py') && top.has('webui') && top.has('system')) {
    dir = path.join(dir, 'webui');
    top = new Set(await listNames(dir));
  }
  const present = new Set<string>();
  await Promise.all(LAYOUT_MARKERS.map(async (m) => {
    const p = path.join(dir, ...m.split('/'));
    if ((await isDir(p)) || (await isFile(p))) present.add(m);
  }));
  return { dir, top, layout: classifyLayout(top, present) };
}

/** An install folder's layout, launcher config and interpreter: what detect reports and what goals act on. */
export interface InstallPython {
  /** The folder read (webui/ inside a one-click package). */
  dir: string;
  layout: LayoutClass;
  launcher: LauncherConfig | null;
  interpreter: Interpreter | null;
}

/**
 * Finds an install's interpreter the one way detect and every goal share: the layout, then the launcher's
 * VENV_DIR / PYTHON (webui-user.bat) or venv_dir / python_cmd (webui-user.sh), then the usual env folders.
 */
export async function findInstallPython(args: { dir: string; ctx: DetectContext }): Promise<InstallPython> {
  const { dir, layout } = await classifyFolder(path.resolve(args.dir));
  const launcher = await readLauncherConfig(dir, args.ctx);
  const interpreter = await findInterpreter({
    dir,
    launcher: {
      venvDir: launcher?.vars.VENV_DIR ?? launcher?.vars.venv_dir,
      python: launcher?.vars.PYTHON ?? launcher?.vars.python_cmd,
    },
    ctx: args.ctx,
  });
  return { dir, layout, launcher, interpreter };
}

/**
 * Reads one install without starting Python: kind, launcher config, interpreter, Python version,
 * torch/torchvision/xformers from files, and the CUDA/cuDNN library inventory.
 */
export async function readInstall(args: { dir: string; ctx: DetectContext }): Promise<QuickInstall> {
  const requested = path.resolve(args.dir);
  if (!(await isDir(requested))) {
    const why = (await isFile(requested)) ? 'install.isFile' : 'install.missing';
    return { install: emptyInstall(requested, [detectMsg(why, { path: requested })]), interpreter: null };
  }
  const { dir, layout, launcher, interpreter } = await findInstallPython({ dir: requested, ctx: args.ctx });
  const problems = [...layout.problems];
  const install: Install = { ...emptyInstall(dir, []), kind: layout.kind, launcher };
  if (!interpreter) {
    if (layout.kind !== 'unknown') problems.push(detectMsg('install.noPython'));
    return { install: withProblems(install, problems), interpreter };
  }
  const env = interpreter.envRoot ? await readEnvLayout(interpreter.envRoot) : null;
  install.python = { path: interpreter.path, version: env?.pythonVersion ?? null };
  // A --system-site-packages venv sees the base interpreter's packages after its own: look there too.
  const sites = [env?.sitePackages ?? null, ...(env?.baseSitePackages ?? [])].filter((s): s is string => s !== null);
  for (const site of sites) {
    if (!(await isDir(site))) continue;
    const facts = await readPackageFacts(site);
    install.torchvision ??= facts.torchvision;
    install.xformers ??= facts.xformers;
    if (!install.torch && facts.torch) {
      install.torch = facts.torch;
      install.libraries = await scanLibraries(site);
      problems.push(...facts.problems);
    }
    if (install.torch && install.torchvision && install.xformers) break;
  }
  return { install: withProblems(install, problems), interpreter };
}

/** The install with its problems: English strings (the contract's field) and the messages for other languages. */
function withProblems(install: Install, problems: readonly Msg[]): Install {
  return { ...install, problems: problems.map((m) => renderIn('en', m)), problemMsgs: [...problems] };
}

function emptyInstall(dir: string, problems: readonly Msg[]): Install {
  return withProblems({
    kind: 'unknown', path: dir, python: null, torch: null, torchvision: null, xformers: null, libraries: [],
    probe: { state: 'not-run', message: null, durationMs: null }, launcher: null,
  }, problems);
}
