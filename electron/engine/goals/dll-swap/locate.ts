import { resolveContext } from '../../detect/detect-context.js';
import { findInstallPython } from '../../detect/installs.js';
import { readEnvLayout } from '../../detect/site-packages.js';
import type { Refusal } from '../../../../shared/schemas/tx.js';
import { refusal } from '../../i18n/engine-text.js';

/** The interpreter and site-packages of an install, or why they cannot be found. */
export type Located = { ok: true; python: string; sitePackages: string } | { ok: false; refusal: Refusal };

/**
 * Finds the install's Python exactly as detect does (the launcher's VENV_DIR / PYTHON first, then venv, .venv,
 * python_embeded … both Windows and Linux layouts) and its site-packages.
 */
export async function locateInstall(app: string, env: NodeJS.ProcessEnv): Promise<Located> {
  const { interpreter } = await findInstallPython({ dir: app, ctx: resolveContext({ env }) });
  if (!interpreter?.envRoot) {
    return { ok: false, refusal: refusal({ lang: 'en', code: 'no-python', params: { app } }) };
  }
  const layout = await readEnvLayout(interpreter.envRoot);
  if (!layout.sitePackages) {
    return { ok: false, refusal: refusal({ lang: 'en', code: 'no-site-packages', params: { env: interpreter.envRoot } }) };
  }
  return { ok: true, python: interpreter.path, sitePackages: layout.sitePackages };
}
