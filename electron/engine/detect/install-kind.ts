import type { InstallKind } from '../../../shared/schemas/detect.js';

/** Top-level names that make a folder worth a closer look (cheap check on a readdir result). */
const TOP_LEVEL_HINTS = [
  'webui.py', 'launch.py', 'main.py', 'python_embeded', 'entry_with_update.py', 'fooocus_version.py',
  'invokeai.yaml', 'installer.py',
  // trainers and the Chinese 秋叶 (aki) integrated package
  'kohya_gui.py', 'train_network.py', 'start-ui.bat', 'A启动器.exe', 'py310',
] as const;

/** Nested paths (relative, '/'-separated) whose presence decides the kind; stat them only for candidates. */
export const LAYOUT_MARKERS = [
  'modules', 'modules/launch_utils.py', 'modules_forge', 'backend', 'comfy', 'ComfyUI', 'ComfyUI/main.py',
  'ComfyUI/comfy', '.venv/Scripts/invokeai-web.exe', '.venv/bin/invokeai-web', '.venv/Scripts/invokeai.exe',
  '.venv/bin/invokeai',
  'library/train_util.py', 'sd-scripts/train_network.py', 'scripts/train_ui.py', 'modules/ui/TrainUI.py', 'py310/python.exe',
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
  // Trainers: the kohya_ss GUI (kohya_gui.py, sd-scripts/ inside), kohya-ss/sd-scripts itself, OneTrainer.
  // A folder that merely holds a sd-scripts checkout is not the GUI: kohya_ss has kohya_gui.py (or its gui.bat/gui.sh).
  if (has('kohya_gui.py') || (has('sd-scripts/train_network.py') && (has('gui.bat') || has('gui.sh')))) return { kind: 'kohya_ss', problems: [] };
  if (has('train_network.py') && has('library/train_util.py')) return { kind: 'sd-scripts', problems: [] };
  if (has('scripts/train_ui.py') || has('modules/ui/TrainUI.py')) return { kind: 'onetrainer', problems: [] };
  const a1111Layout = has('webui.py') && (has('modules/launch_utils.py') || (has('launch.py') && has('modules')));
  if (a1111Layout && (has('modules_forge') || has('backend'))) return { kind: 'forge', problems: [] };
  // 秋叶 (aki) integrated package: A1111 with its launcher "A启动器.exe" and its own Python in py310\.
  if (a1111Layout && (has('A启动器.exe') || has('py310/python.exe') || has('py310'))) return { kind: 'aki', problems: [] };
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
    + 'launch.py + installer.py, entry_with_update.py, invokeai.yaml, kohya_gui.py, sd-scripts (train_network.py + library/) '
    + 'or OneTrainer (scripts/train_ui.py) was found';
}
