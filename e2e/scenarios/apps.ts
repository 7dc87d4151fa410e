import { writeEntries, type FileEntry } from '../fake-torch/index.js';

const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

/** A launch_utils.py with the defaults A1111/Forge read (TORCH_INDEX_URL, TORCH_COMMAND, XFORMERS_PACKAGE). */
function launchUtils(opts: { index: string; torchCommand: string; xformers: string }): string {
  return ['# this scripts installs necessary requirements and launches main program in webui.py', 'import os', 'import sys', '',
    'def prepare_environment():',
    `    torch_index_url = os.environ.get('TORCH_INDEX_URL', "${opts.index}")`,
    `    torch_command = os.environ.get('TORCH_COMMAND', f"pip install ${opts.torchCommand} --extra-index-url {torch_index_url}")`,
    `    xformers_package = os.environ.get('XFORMERS_PACKAGE', '${opts.xformers}')`,
    '    if not args.skip_torch_cuda_test and not check_run_python("import torch; assert torch.cuda.is_available()"):',
    '        raise RuntimeError(',
    "            'Torch is not able to use GPU; '",
    "            'add --skip-torch-cuda-test to COMMANDLINE_ARGS variable to disable this check'",
    '        )', ''].join('\n');
}

function webuiUserBat(args: string): string {
  return crlf(['@echo off', '', 'set PYTHON=', 'set GIT=', 'set VENV_DIR=', `set COMMANDLINE_ARGS=${args}`, '', 'call webui.bat']);
}

/** AUTOMATIC1111 stable-diffusion-webui (v1.5-era defaults: torch 2.0.1+cu118, xformers 0.0.20). */
export async function writeA1111(dir: string, commandlineArgs: string): Promise<void> {
  const files: FileEntry[] = [
    { rel: 'webui.py', content: 'from modules import initialize\n\ndef webui():\n    pass\n' },
    { rel: 'launch.py', content: 'from modules import launch_utils\n\ndef main():\n    launch_utils.prepare_environment()\n' },
    { rel: 'modules/__init__.py', content: '' },
    { rel: 'modules/launch_utils.py', content: launchUtils({ index: 'https://download.pytorch.org/whl/cu118',
      torchCommand: 'torch==2.0.1 torchvision==0.15.2', xformers: 'xformers==0.0.20' }) },
    { rel: 'webui-user.bat', content: webuiUserBat(commandlineArgs) },
    { rel: 'webui-user.sh', content: '#!/bin/bash\n#export COMMANDLINE_ARGS=""\n' },
    { rel: 'webui.bat', content: crlf(['@echo off', 'if not defined PYTHON (set PYTHON=python)', 'if not defined VENV_DIR (set "VENV_DIR=%~dp0%venv")']) },
    { rel: 'requirements_versions.txt', content: 'gradio==3.32.0\ntransformers==4.25.1\n' },
    { rel: 'models/Stable-diffusion/Put Stable Diffusion checkpoints here.txt', content: '' },
  ];
  await writeEntries(dir, files);
}

/** stable-diffusion-webui-forge: the A1111 layout plus modules_forge/ and backend/ (defaults: torch 2.3.1+cu121). */
export async function writeForge(dir: string): Promise<void> {
  const files: FileEntry[] = [
    { rel: 'webui.py', content: 'from modules import initialize\n\ndef webui():\n    pass\n' },
    { rel: 'launch.py', content: 'from modules import launch_utils\n\ndef main():\n    launch_utils.prepare_environment()\n' },
    { rel: 'modules/__init__.py', content: '' },
    { rel: 'modules/launch_utils.py', content: launchUtils({ index: 'https://download.pytorch.org/whl/cu121',
      torchCommand: 'torch==2.3.1 torchvision==0.18.1', xformers: 'xformers==0.0.27' }) },
    { rel: 'modules_forge/__init__.py', content: '' },
    { rel: 'modules_forge/forge_version.py', content: "version = 'f2.0.1v1.10.1-previous-669-gdfdcbab6'\n" },
    { rel: 'backend/__init__.py', content: '' },
    { rel: 'backend/memory_management.py', content: '# Forge backend memory management (stand-in)\n' },
    { rel: 'webui-user.bat', content: webuiUserBat('') },
    { rel: 'webui.bat', content: crlf(['@echo off', 'if not defined PYTHON (set PYTHON=python)']) },
  ];
  await writeEntries(dir, files);
}

const COMFY_FILES: FileEntry[] = [
  { rel: 'main.py', content: 'import comfy.options\ncomfy.options.enable_args_parsing()\n' },
  { rel: 'nodes.py', content: '# ComfyUI nodes (stand-in)\n' },
  { rel: 'comfy/__init__.py', content: '' },
  { rel: 'comfy/options.py', content: 'args_parsing = False\n\ndef enable_args_parsing(enable=True):\n    global args_parsing\n    args_parsing = enable\n' },
  { rel: 'comfy/model_management.py', content: '# ComfyUI model management (stand-in)\n' },
  { rel: 'requirements.txt', content: 'torch\ntorchsde\ntorchvision\ntorchaudio\neinops\ntransformers>=4.28.1\nsafetensors>=0.4.2\n' },
  { rel: 'custom_nodes/example_node.py.example', content: '' },
  { rel: 'models/checkpoints/put_checkpoints_here', content: '' },
];

/** A ComfyUI git checkout (main.py, comfy/, nodes.py, .git). */
export async function writeComfy(dir: string): Promise<void> {
  await writeEntries(dir, [...COMFY_FILES, { rel: '.git/HEAD', content: 'ref: refs/heads/master\n' }]);
}

/** ComfyUI_windows_portable: ComfyUI/ + run_nvidia_gpu.bat (python_embeded/ comes from makeFakeVenv). */
export async function writeComfyPortable(dir: string): Promise<void> {
  await writeEntries(dir, [
    ...COMFY_FILES.map((f) => ({ ...f, rel: `ComfyUI/${f.rel}` })),
    { rel: 'run_nvidia_gpu.bat', content: crlf(['.\\python_embeded\\python.exe -s ComfyUI\\main.py --windows-standalone-build', 'pause']) },
    { rel: 'run_cpu.bat', content: crlf(['.\\python_embeded\\python.exe -s ComfyUI\\main.py --cpu --windows-standalone-build', 'pause']) },
    { rel: 'update/update_comfyui.bat', content: crlf(['..\\python_embeded\\python.exe .\\update.py ..\\ComfyUI\\', 'pause']) },
    { rel: 'README_VERY_IMPORTANT.txt', content: 'HOW TO RUN:\r\n\r\nif you have a NVIDIA gpu:\r\n\r\nrun_nvidia_gpu.bat\r\n' },
  ]);
}

/** The 秋叶 (aki) integrated package: A1111 with its launcher "A启动器.exe"; its Python lives in py310\ (makeFakeVenv). */
export async function writeAki(dir: string): Promise<void> {
  await writeA1111(dir, '--xformers');
  await writeEntries(dir, [
    { rel: 'A启动器.exe', content: 'MZ (stand-in for the 秋叶 launcher)\n' },
    { rel: '启动器运行依赖-dotnet-6.0.11.exe', content: 'MZ\n' },
  ]);
}

/** bmaltais/kohya_ss: the GUI (kohya_gui.py) with kohya-ss/sd-scripts in sd-scripts/, its venv in venv\. */
export async function writeKohyaSs(dir: string): Promise<void> {
  await writeEntries(dir, [
    { rel: 'kohya_gui.py', content: 'import gradio\n\ndef UI():\n    pass\n' },
    { rel: 'gui.bat', content: crlf(['@echo off', 'call .\\venv\\Scripts\\activate.bat', 'python.exe kohya_gui.py %*']) },
    { rel: 'setup.bat', content: crlf(['@echo off', 'python .\\setup\\setup_windows.py']) },
    { rel: 'requirements_pytorch_windows.txt', content: 'torch==2.4.0+cu124 --index-url https://download.pytorch.org/whl/cu124\ntorchvision==0.19.0+cu124 --index-url https://download.pytorch.org/whl/cu124\nxformers==0.0.27.post2\n' },
    { rel: 'sd-scripts/train_network.py', content: '# kohya-ss/sd-scripts train_network (stand-in)\n' },
    { rel: 'sd-scripts/library/train_util.py', content: '# stand-in\n' },
  ]);
}

/** kohya-ss/sd-scripts on its own: train_network.py + library/, its venv in venv/ (Linux here). */
export async function writeSdScripts(dir: string): Promise<void> {
  await writeEntries(dir, [
    { rel: 'train_network.py', content: '# kohya-ss/sd-scripts train_network (stand-in)\n' },
    { rel: 'sdxl_train_network.py', content: '# stand-in\n' },
    { rel: 'library/__init__.py', content: '' },
    { rel: 'library/train_util.py', content: '# stand-in\n' },
    { rel: 'requirements.txt', content: 'accelerate==0.33.0\ntransformers==4.44.0\ndiffusers[torch]==0.25.0\n' },
  ]);
}

/** Nerogar/OneTrainer: scripts/train_ui.py and modules/ui/TrainUI.py, started by start-ui.bat, its venv in venv\. */
export async function writeOneTrainer(dir: string): Promise<void> {
  await writeEntries(dir, [
    { rel: 'scripts/train_ui.py', content: 'from modules.ui.TrainUI import TrainUI\n' },
    { rel: 'scripts/train.py', content: '# stand-in\n' },
    { rel: 'modules/ui/TrainUI.py', content: 'class TrainUI:\n    pass\n' },
    { rel: 'start-ui.bat', content: crlf(['@echo off', 'call venv\\Scripts\\activate.bat', 'python scripts\\train_ui.py']) },
    { rel: 'pyproject.toml', content: '[project]\nname = "onetrainer"\nrequires-python = ">=3.10,<3.14"\n' },
  ]);
}
