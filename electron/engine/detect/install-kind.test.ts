import { describe, expect, it } from 'vitest';
import { classifyLayout, looksLikeInstall } from './install-kind.js';

const set = (...names: string[]): Set<string> => new Set(names);

describe('classifyLayout', () => {
  it('秋叶 (aki) integrated package: A1111 layout with A启动器.exe or its py310\\ Python', () => {
    expect(classifyLayout(set('webui.py', 'modules', 'A启动器.exe', 'python'), set('modules/launch_utils.py')).kind).toBe('aki');
    expect(classifyLayout(set('webui.py', 'modules', 'py310'), set('modules/launch_utils.py', 'py310/python.exe')).kind).toBe('aki');
    expect(looksLikeInstall(set('A启动器.exe'))).toBe(true);
  });
  it('trainers: kohya_ss GUI, kohya-ss sd-scripts, OneTrainer (not A1111 although they have modules/ or scripts/)', () => {
    expect(classifyLayout(set('kohya_gui.py', 'sd-scripts', 'venv'), set('sd-scripts/train_network.py')).kind).toBe('kohya_ss');
    expect(classifyLayout(set('train_network.py', 'library', 'venv'), set('library/train_util.py')).kind).toBe('sd-scripts');
    expect(classifyLayout(set('gui.bat', 'sd-scripts', 'venv'), set('sd-scripts/train_network.py')).kind).toBe('kohya_ss');
    // a folder that only holds a sd-scripts checkout is not kohya_ss (the checkout itself is the install)
    expect(classifyLayout(set('sd-scripts', 'notes.txt'), set('sd-scripts/train_network.py')).kind).toBe('unknown');
    expect(classifyLayout(set('scripts', 'modules', 'venv', 'start-ui.bat'), set('modules', 'scripts/train_ui.py', 'modules/ui/TrainUI.py')).kind).toBe('onetrainer');
    expect(looksLikeInstall(set('kohya_gui.py'))).toBe(true);
    // a folder holding a sd-scripts checkout is walked into (the checkout is found by its train_network.py), not taken for one
    expect(looksLikeInstall(set('sd-scripts', 'datasets'))).toBe(false);
    expect(looksLikeInstall(set('train_network.py'))).toBe(true);
  });
  it('A1111: webui.py + modules/launch_utils.py', () => {
    expect(classifyLayout(set('webui.py', 'modules', 'launch.py'), set('modules', 'modules/launch_utils.py')).kind).toBe('a1111');
  });
  it('old A1111 without launch_utils.py: webui.py + launch.py + modules/', () => {
    expect(classifyLayout(set('webui.py', 'launch.py', 'modules'), set('modules')).kind).toBe('a1111');
  });
  it('Forge: A1111 layout + modules_forge/ or backend/', () => {
    expect(classifyLayout(set('webui.py', 'modules_forge'), set('modules/launch_utils.py', 'modules_forge')).kind).toBe('forge');
    expect(classifyLayout(set('webui.py', 'backend'), set('modules/launch_utils.py', 'backend')).kind).toBe('forge');
  });
  it('SD.Next: launch.py + installer.py + modules/ (even with webui.py)', () => {
    expect(classifyLayout(set('launch.py', 'installer.py', 'webui.py', 'modules'), set('modules')).kind).toBe('sdnext');
  });
  it('ComfyUI: main.py + comfy/', () => {
    expect(classifyLayout(set('main.py', 'comfy', 'nodes.py'), set('comfy')).kind).toBe('comfyui');
  });
  it('ComfyUI portable, and a broken one', () => {
    expect(classifyLayout(set('python_embeded', 'ComfyUI'), set('ComfyUI', 'ComfyUI/main.py'))).toEqual({ kind: 'comfyui-portable', problems: [] });
    const broken = classifyLayout(set('python_embeded', 'ComfyUI'), set('ComfyUI'));
    expect(broken.kind).toBe('comfyui-portable');
    expect(broken.problems[0]).toMatch(/broken layout.*ComfyUI\/main\.py/);
  });
  it('Fooocus and InvokeAI', () => {
    expect(classifyLayout(set('entry_with_update.py'), set()).kind).toBe('fooocus');
    expect(classifyLayout(set('fooocus_version.py'), set()).kind).toBe('fooocus');
    expect(classifyLayout(set('invokeai.yaml'), set()).kind).toBe('invokeai');
    expect(classifyLayout(set('.venv'), set('.venv/bin/invokeai-web')).kind).toBe('invokeai');
  });
  it('unknown with a reason', () => {
    const r = classifyLayout(set('README.md', 'src'), set());
    expect(r.kind).toBe('unknown');
    expect(r.problems[0]).toMatch(/not a Stable Diffusion install/);
    expect(classifyLayout(set('webui.py'), set()).problems[0]).toMatch(/launch_utils/);
    expect(classifyLayout(set(), set()).problems[0]).toMatch(/empty/);
  });
  it('looksLikeInstall is a cheap pre-filter', () => {
    expect(looksLikeInstall(set('webui.py'))).toBe(true);
    expect(looksLikeInstall(set('python_embeded'))).toBe(true);
    expect(looksLikeInstall(set('Documents', 'Music'))).toBe(false);
  });
});
