import fs from 'node:fs/promises';
import path from 'node:path';
import type { Journal } from '../../../shared/schemas/tx.js';
import { findInstallPython } from '../detect/installs.js';
import { resolveContext } from '../detect/detect-context.js';
import { readEnvLayout } from '../detect/site-packages.js';
import type { Msg } from '../../../shared/i18n/message.js';
import { em } from '../i18n/engine-text.js';
import { toolkitTarget } from '../goals/cuda-install/locations.js';
import { isInside } from './target-roots.js';

/*
 * A journal is trusted only as far as the folders it lives in. What an install-changing transaction may touch is
 * not read back from the journal (its targetRoots could have been edited together with its targets): it is derived
 * again from the install the journal names, the same way the goal found it — the install's Python environment
 * (site-packages for dll-swap; the whole environment, for pip's Scripts/bin, for torch-upgrade) and, for
 * torch-upgrade, the launcher files at the install's top. Every target and every program-changed folder must lie
 * inside those, after resolving links.
 */

/** Launcher files a goal may rewrite at the top of an install. */
export const LAUNCHER_FILES: readonly string[] = ['webui-user.bat', 'webui-user.sh', 'webui-macos-env.sh'];

/** Goals that change an install, and what of it they may touch. */
const INSTALL_GOALS: Readonly<Record<string, 'site-packages' | 'environment'>> = {
  'dll-swap': 'site-packages',
  'torch-upgrade': 'environment',
};

/** The folders (and single files) a journal may touch, derived from its install; null when its goal has no binding. */
export async function boundPaths(journal: Journal, env: NodeJS.ProcessEnv): Promise<{ ok: true; dirs: string[]; files: string[] } | { ok: false; problem: Msg } | null> {
  const scope = INSTALL_GOALS[journal.goal];
  if (scope === undefined) return null;
  if (journal.app === null) return { ok: false, problem: em('journalProblem.noApp', { goal: journal.goal }) };
  const app = path.resolve(journal.app);
  const { interpreter } = await findInstallPython({ dir: app, ctx: resolveContext({ env }) }).catch(() => ({ interpreter: null }));
  const envRoot = interpreter?.envRoot ?? null;
  const layout = envRoot === null ? null : await readEnvLayout(envRoot).catch(() => null);
  if (envRoot === null || !layout?.sitePackages) return { ok: false, problem: em('journalProblem.noInstall', { app }) };
  const dirs = scope === 'site-packages' ? [layout.sitePackages] : [envRoot];
  const files = scope === 'environment' ? LAUNCHER_FILES.map((f) => path.join(app, f)) : [];
  // The environment itself must be inside the install (a launcher's VENV_DIR may point elsewhere: then that is it).
  return { ok: true, dirs: await Promise.all(dirs.map(real)), files: await Promise.all(files.map(real)) };
}

/*
 * The CUDA goals change a toolkit folder, not an install (app: null). Their journal's roots cannot be trusted either
 * (an edited journal could name /etc and a "created" file there, which a rollback deletes), so what they may touch is
 * derived again, from the machine and not the journal:
 *   - one root, no package folders, every target inside the root after resolving links;
 *   - cuda-install: the root is a version folder (`vX.Y`, `cuda-X.Y`) directly in a place toolkits are installed —
 *     TorchLift's per-user CUDA folder or NVIDIA's system folder, derived from the environment as the goal does;
 *   - cudnn-overlay: the root is a CUDA toolkit now (bin/nvcc or version.json), and every target is a cuDNN file
 *     (its name holds "cudnn") directly in bin, bin/x64, include, lib, lib/x64 or lib64 — what the overlay writes.
 */
const TOOLKIT_GOALS: ReadonlySet<string> = new Set(['cuda-install', 'cudnn-overlay']);

/** Why a CUDA goal's journal reaches outside a toolkit folder it may change (null: it does not). English. */
async function toolkitBindingProblem(journal: Journal, env: NodeJS.ProcessEnv, dataDir: string): Promise<Msg | null> {
  const [root, ...others] = journal.targetRoots;
  if (root === undefined || others.length > 0 || journal.trees.length > 0) {
    return em('journalProblem.toolkitRoots', { goal: journal.goal, roots: journal.targetRoots.join(', ') || '—' });
  }
  const realRoot = await real(root);
  for (const f of journal.files) {
    if (!isInside(realRoot, await real(f.target))) return em('journalProblem.outsideToolkit', { path: f.target, toolkit: root });
  }
  if (journal.goal === 'cuda-install') {
    const ctx = resolveContext({ env });
    const bases = await Promise.all((['user', 'system'] as const).map((mode) => real(path.dirname(toolkitTarget(ctx, mode, '0.0', dataDir)))));
    const named = /^(v|cuda-)\d+\.\d+$/.test(path.basename(realRoot));
    if (!named || !bases.includes(path.dirname(realRoot))) return em('journalProblem.notToolkitPlace', { toolkit: root, allowed: bases.join(', ') });
    return null;
  }
  const looksLikeToolkit = (await Promise.all(['bin/nvcc', 'bin/nvcc.exe', 'version.json'].map((f) => fs.stat(path.join(realRoot, ...f.split('/'))).then(() => true, () => false)))).some(Boolean);
  if (!looksLikeToolkit) return em('journalProblem.notToolkit', { toolkit: root });
  for (const f of journal.files) {
    const rel = path.relative(realRoot, await real(f.target)).split(path.sep).join('/');
    if (!/^(bin(\/x64)?|include|lib(\/x64)?|lib64)\/[^/]*cudnn[^/]*$/i.test(rel)) return em('journalProblem.notCudnnFile', { path: f.target, toolkit: root });
  }
  return null;
}

/** Why a journal's paths escape its install (null: they do not, or its goal has no binding). English, as journals keep it. */
export async function bindingProblem(journal: Journal, env: NodeJS.ProcessEnv, dataDir = ''): Promise<Msg | null> {
  if (TOOLKIT_GOALS.has(journal.goal)) return toolkitBindingProblem(journal, env, dataDir);
  const bound = await boundPaths(journal, env);
  if (bound === null) return null;
  if (!bound.ok) return bound.problem;
  const allowed = [...bound.dirs, ...bound.files].join(', ');
  const app = journal.app ?? '';
  // What is acted on: every target and every program-changed folder (targetRoots only bound them further).
  const paths = [...journal.files.map((f) => f.target), ...journal.trees.map((t) => t.root)];
  for (const p of paths) {
    const r = await real(p);
    if (bound.files.includes(r)) continue;
    if (!bound.dirs.some((d) => isInside(d, r))) return em('journalProblem.outsideInstall', { path: p, app, allowed });
  }
  return null;
}

/** The path with links resolved; for a missing path, its nearest existing parent resolved + the rest. */
async function real(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await real(parent), path.basename(abs));
  }
}
