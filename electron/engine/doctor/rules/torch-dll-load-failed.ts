import { torchvisionFor } from '../../knowledge/torch.js';
import { releaseOf } from '../../knowledge/versions.js';
import { parseTorchVersion } from '../../parsers/torch-version.js';
import { runnableBuild, torchBuildCommand } from '../fixes.js';
import { type MessagePart, makeFinding } from '../make-finding.js';
import { clip, snippet } from '../normalise.js';
import type { Rule } from '../rule-context.js';

// WinError 126/127/1114 and the localised "module/procedure could not be found" texts Windows prints.
const WIN_ERROR = /\[?WinError (126|127|1114)\]?|DLL load failed|The specified (?:module|procedure) could not be found|Le module spécifié est introuvable|La procédure spécifiée est introuvable|找不到指定的模块|找不到指定的程序|找不到指定的模組|指定されたモジュールが見つかりません|指定されたプロシージャが見つかりません|Das angegebene Modul wurde nicht gefunden|No se puede encontrar el módulo especificado|Impossibile trovare il modulo specificato|Не найден указанный модуль|지정된 모듈을 찾을 수 없습니다|O módulo especificado não pôde ser encontrado/i;
const TORCH_DLL = /torch[\\/]+lib[\\/]+([\w.-]+\.dll)/i;
const ERROR_LOADING = /Erro(?:r)? loading ["“”]?[^"“”\n]*?([\w.-]+\.dll)["“”]?/i;
// torch's own wording without the WinError number (a title line above a cut log): the DLL itself names torch. Retyped
// copies keep it too: "Erro loading “…\torch\lib\fbgemm.dll” or one of its dependencies" (typo, typographic quotes).
const DEPENDENCIES = /Erro(?:r)? loading ["“”]?[^"“”\n]{0,300}?\b(?:c10|torch_python|torch_cpu|torch_cuda|torch_global_deps|fbgemm|shm|caffe2_nvrtc|cudnn\w*|cublas\w*|cudart\w*)\.dll["“”]? or one of its dependencies/i;

/** torch-dll-load-failed: a torch\lib DLL (or torch._C) failed to load on Windows. */
export const torchDllLoadFailed: Rule = (ctx) => {
  const f = ctx.facts;
  let dll: string | null = null;
  let error = '';
  let evidence: string[] = [];
  if (ctx.source === 'report') {
    const msg = f.probe?.message ?? '';
    if (f.probe?.state !== 'import-failed' || !WIN_ERROR.test(msg)) return null;
    dll = TORCH_DLL.exec(msg)?.[1] ?? ERROR_LOADING.exec(msg)?.[1] ?? 'torch\\lib\\*.dll';
    error = WIN_ERROR.exec(msg)?.[0] ?? '';
    evidence = [clip(msg)];
  } else {
    const win = WIN_ERROR.exec(ctx.text) ?? DEPENDENCIES.exec(ctx.text);
    if (win === null) return null;
    const torchy = TORCH_DLL.exec(ctx.text) ?? (/importing _C\b|import torch|from torch\._C import|torch[\\/]__init__\.py/i.test(ctx.text) || DEPENDENCIES.test(ctx.text) ? ERROR_LOADING.exec(ctx.text) ?? [''] : null);
    if (torchy === null) return null;
    dll = torchy[1] || '_C.pyd';
    error = win[0];
    evidence = [snippet(ctx.text, WIN_ERROR) ?? '', snippet(ctx.text, TORCH_DLL) ?? '', snippet(ctx.text, DEPENDENCIES) ?? ''];
  }
  const detail: MessagePart[] = [{ key: 'detail' }];
  if (/fbgemm\.dll/i.test(dll) || (f.torchVersion !== null && releaseOf(f.torchVersion) === '2.4.0')) detail.push({ key: 'detailFbgemm' });
  // The same build again, pinned with its CUDA tag from its own index: never an unpinned torch from PyPI, which on
  // Windows is a CPU-only build. Only when the facts name the build.
  const have = f.torchVersion ? parseTorchVersion(f.torchVersion) : null;
  const same = have?.cudaTag ? runnableBuild(ctx, { torch: have.release, torchvision: torchvisionFor(have.release), cudaTag: have.cudaTag, cuda: have.cudaVersion ?? '' }) : null;
  const command = same ? torchBuildCommand(ctx, same, ['--force-reinstall', '--no-cache-dir']) : null;
  const fix: MessagePart[] = [{ key: 'fix' }];
  if (command) fix.push({ key: 'fixReinstall', params: { command: command.display } });
  return makeFinding(ctx.lang, { code: 'torch-dll-load-failed', severity: 'error', params: { dll, error }, detail, fix, commands: [command], evidence });
};
