import type { InstallKind } from '../../../shared/schemas/detect.js';

/** Top-level names that make a folder worth a closer look (cheap check on a readdir result). */
const TOP_LEVEL_HINTS = [
  'webui.py', 'launch.py', 'main.py', 'python_embeded', 'entry_with_update.py', 'fooocus_version.py',
  'invokeai.yaml', 'installer.py',
] as const;

/** Nested paths (relative, '/'-separated) whose presence decides the kind; stat them only for candidates. */
export const LAYOUT_MARKERS = [
  'modules', 'modules/launch_utils.py', 'modules_forge', 'backend', 'comfy', 'ComfyUI', 'ComfyUI/main.py',
  'ComfyUI/comfy', '.venv/Scripts/invokeai-web.exe', '.venv/bin/invokeai-web', '.venv/Scripts/invokeai.exe',
  '.venv/bin/invokeai',
] as const;

/** The outcome of classifying one folder's layout. */
export interface LayoutClass {
  kind: InstallKind;
  problems: string[];
}

/** True when the folder's top-level names could belong to a Stable Diffusion install. */
export function looksLikeInstall(topNames: ReadonlySet<string>): boolean {
  return TOP_LEVEL_HINTS.some((n) => topNames.has(n)) || (topNames.has('.venv') && topNames.has('invokeai.yaml'));
}

/**
 * Decides the install kind from the folder's top-level names and which LAYOUT_MARKERS exist.
 * Order matters: portable before ComfyUI, SD.Next and Forge before A1111.
 */
export function classifyLayout(top: ReadonlySet<string>, present: ReadonlySet<string>): LayoutClass {
  const has = (p: string): boolean => top.has(p) || present.has(p);
  if (has('python_embeded') && has('ComfyUI')) {
    const problems = has('ComfyUI/main.py') ? [] : ['broken layout: python_embeded/ is there but ComfyUI/main.py is missing'];
    return { kind: 'comfyui-portable', problems };
  }
  if (has('launch.py') && has('installer.py') && has('modules')) return { kind: 'sdnext', problems: [] };
  const a1111Layout = has('webui.py') && (has('modules/launch_utils.py') || (has('launch.py') && has('modules')));
  if (a1111Layout && (has('modules_forge') || has('backend'))) return { kind: 'forge', problems: [] };
  if (a1111Layout) return { kind: 'a1111', problems: [] };
  if (has('main.py') && has('comfy')) return { kind: 'comfyui', problems: [] };
  if (has('entry_with_update.py') || has('fooocus_version.py')) return { kind: 'fooocus', problems: [] };
  const invokeVenv = ['.venv/Scripts/invokeai-web.exe', '.venv/bin/invokeai-web', '.venv/Scripts/invokeai.exe', '.venv/bin/invokeai']
    .some((p) => present.has(p));
  if (has('invokeai.yaml') || invokeVenv) return { kind: 'invokeai', problems: [] };
  return { kind: 'unknown', problems: [unknownReason(top)] };
}

function unknownReason(top: ReadonlySet<string>): string {
  if (top.size === 0) return 'not a Stable Diffusion install: the folder is empty or cannot be read';
  if (top.has('webui.py')) return 'not a recognised install: webui.py is there but modules/launch_utils.py is missing';
  if (top.has('main.py')) return 'not a recognised install: main.py is there but the comfy/ folder is missing';
  return 'not a Stable Diffusion install: none of webui.py + modules/, main.py + comfy/, python_embeded/ + ComfyUI/, '
    + 'launch.py + installer.py, entry_with_update.py or invokeai.yaml was found';
}
