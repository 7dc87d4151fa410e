import { lookupComputeCapability } from '../knowledge/gpu.js';
import type { FactGpu } from './facts.js';
import { clip } from './normalise.js';

/*
 * Facts people type rather than tools print: versions and GPU names in prose and in Japanese/Chinese replies
 * ("GTX 1070 … PyTorch 2.8.0 + cu129", "4070 で torch 2.0.1+cu118", "驱动版本（572.83）太低 … CU130"), paths that
 * name a Python ("…\Python310\lib\…", ".../python3.10/site-packages", aki's "py310\"), and folder names that say
 * which build shipped ("ComfyUI_windows_portable_nvidia_cu121_or_cpu"). Only what is written; never a guess.
 * Every pattern is anchored on a literal word and bounded, so a huge paste costs linear time.
 */

/** What prose adds; extract-text.ts uses each only where no tool output said it. */
export interface ProseFacts {
  python: string | null;
  torch: string | null;
  driver: string | null;
  /** The CUDA variant tags named anywhere ("cu121", "CU130"), lower-case, in order of appearance, deduplicated. */
  cudaTags: string[];
  /** GPUs named without their maker's prefix ("4070", "1080 GTX", "5060ti", "GT 710"), with a CC from the table. */
  gpus: FactGpu[];
  /** The text says the GPU is an RTX 50xx / Blackwell without naming the model. */
  blackwell: boolean;
  /** xformers' version from a `pip list` row. */
  xformers: string | null;
  /** pip's "X requires torch==Y, but you have torch Z" for xformers/torchvision/torchaudio. */
  conflict: { pkg: string; version: string; requires: string; have: string; line: string } | null;
  /** xformers' torch requirement typed in prose ("该版本xformers要求torch=2.1.0"), with xformers' version when written. */
  xformersNeeds: { version: string | null; torch: string; line: string } | null;
  /** The interpreter the log ran (A1111's `venv "…python.exe"`, ComfyUI's "Python executable:", a site-packages path). */
  interpreter: string | null;
  evidence: { python: string[]; torch: string[]; driver: string[]; gpu: string[] };
}

// "Python 3.10.9 on Windows", "Python version: 3.11.8", "Python版本: 3.10.11", "python: 3.10.8", "Python 版本 3.11.3".
const PY_STATED = /(?<![-\w])Python\s{0,3}(?:version|versión|版本|バージョン)?\s{0,3}(?:[:=]|\bis\b)?\s{0,3}v?(3\.\d{1,2}(?:\.\d{1,2})?)(?![\d.]*\s*\(you have)(?!\.?\d)/gi;
// An app's version check names the wanted Python first and the running one after "but you have".
const PY_YOU_HAVE = /\bPython\b[^\n]{0,40}?\bbut you have (3\.\d{1,2}(?:\.\d{1,2})?)(?!\.?\d)/i;
// ".../python3.10/site-packages", "\Python310\lib", "Python312\Lib", aki's "py310\python.exe".
const PY_PATH = /(?:[/\\]python(3)\.(\d{1,2})[/\\]|Python\.framework[/\\]Versions[/\\](3)\.(\d{1,2})[/\\]|[/\\](?:Python|py)(3)(\d{2})[/\\])/gi;
// "PyTorch: 2.8.0+cu128", "PyTorch 2.8.0 + cu129", "torch 2.0.1+cu118", "the version torch is 2.0.1", "Torch 2.0.1+cpu".
const TORCH_STATED =
  /\b(?:PyTorch|torch)(?:\s{0,3}(?:version|版本|バージョン))?\s{0,3}(?:[:=]|\bis\b|\b(?:reveals|shows|says|reads|prints)\b|は|为|是)?\s{0,3}\(?v?(\d\.\d{1,2}\.\d{1,2}(?:\.dev\d{8}|[ab]\d|rc\d)?)(?:\s{0,3}\+\s{0,3}(cu\d{2,3}|cpu|rocm\d[\d.]*))?(?![\d.])/gi;
// The torch the writer says is installed ("我现在安装的torch2.0.1", "I have torch 2.0.1", "installed torch 2.3.0").
const TORCH_INSTALLED = /(?:安装的|已安装|インストールした|インストール済みの|\binstalled|\bI have|\bI'm (?:on|using)|\bI am (?:on|using))\s{0,3}(?:PyTorch|torch)\s{0,3}(?:version\s{0,3})?v?(\d\.\d{1,2}\.\d{1,2})(?:\s{0,3}\+\s{0,3}(cu\d{2,3}|cpu))?(?![\d.])/i;
// The GitHub issue form: "Pytorch version" on one line, the value on the next.
const TORCH_FORM = /\b(?:PyTorch|torch) version[ \t]*\n[ \t]*\n?[ \t]*(\d\.\d{1,2}\.\d{1,2}(?:\+(?:cu\d{2,3}|cpu))?)\b/i;
// A torch build alone on a line, as issue forms list it: "- 2.8.0+cu128".
const TORCH_LINE = /^[ \t]*(?:[-*•][ \t]*)?(\d\.\d{1,2}\.\d{1,2})\+(cu\d{2,3}|cpu)[ \t]*$/m;
// A `pip list` row pasted without its header: "xformers                  0.0.32.dev1073".
const XFORMERS_ROW = /^[ \t]*xformers[ \t]{2,}(\d+\.\d+\.\d+[\w.+]*)[ \t]*$/m;
// pip's resolver: "xformers 0.0.27.post2 requires torch==2.4.0, but you have torch 2.3.0+cu121 which is incompatible."
// Older pips word it "X has requirement torch==Y, but you'll have torch Z which is incompatible".
const PIP_CONFLICT = /\b(xformers|torchvision|torchaudio) ([\w.+]{1,40}) (?:requires|has requirement) torch==([\w.+]{1,40}), but you(?:'ll| will)? have torch ([\w.+]{1,40}) which is incompatible/i;

/** pip's resolver conflict of torchvision/torchaudio/xformers with the installed torch, either wording; null when none. */
export function pipTorchConflict(text: string): { pkg: string; version: string; requires: string; have: string; line: string } | null {
  const m = PIP_CONFLICT.exec(text);
  return m === null ? null : { pkg: (m[1] ?? '').toLowerCase(), version: m[2] ?? '', requires: m[3] ?? '', have: m[4] ?? '', line: lineAt(text, m.index) };
}
// The same fact typed in prose: "该版本xformers要求torch=2.1.0", "xformers 0.0.22.post4 needs torch 2.1.0".
const XFORMERS_NEEDS = /\bxformers(?:[ =]{0,3}v?(\d\.\d\.\d{1,3}[\w.]{0,12}))?[^\n\d]{0,12}?(?:要求|需要|requires|needs)\s{0,3}torch\s{0,3}(?:==?|>=)?\s{0,3}v?(\d\.\d{1,2}\.\d{1,2})(?![\d.])/i;
// An xformers version as apps log it: ComfyUI's "xformers version: 0.0.26.post1".
const XFORMERS_LOGGED = /\bxformers version:?[ \t]{0,3}v?(\d+\.\d+\.\d+[\w.+]*)/i;
// "驱动版本（572.83）", "ドライバー 546.33", "ドライバのバージョンは 531.79".
const DRIVER_CJK = /(?:驱动|驅動|显卡驱动|ドライバー?|ドライバ)(?:程序)?(?:版本|バージョン)?(?:は|是|为)?\s{0,3}[（(:：]?\s{0,3}v?(\d{3}\.\d{2,3}(?:\.\d{1,3})?)/g;
const CUDA_TAG = /(?<![\w])cu(\d{2,3})(?![\w])/gi;
// A GPU typed without "GeForce": "4070", "RTX4090", "1080 GTX", "5060ti", "3070Ti", "GT 710", "GT1030", "MX150".
const BARE_MODEL = /(?<![\w.:/\\-])(?:(RTX|GTX)\s?)?(10[5-8]0|16[56]0|20[6-8]0|30[5-9]0|40[5-9]0|50[5-9]0)(\s?(?:Ti|SUPER|Super|ti|TI))?(?:\s?(GTX|RTX))?(?![\w:/\\-]|\.\w)(?!\s?(?:MiB|MB|GiB|GB|MHz|W|ms|s\b|it\/s))/g;
const GT_MODEL = /(?<![\w])(GT\s?(?:7[1-4]0|10[3-4]0)|MX\s?[1-5][0-5]0|GTX\s?(?:6[5-9]0|7[5-8]0)(?:\s?Ti)?)(?![\w])/gi;
// Words that make a bare number a GPU ("my 4070", "4070 で", "显卡 4090", "Nvidia gpu (4090)").
// A text about torch is a text about the GPU it runs on ("5080 issue … pytorch version: 2.6.0+cu126").
const GPU_CONTEXT = /\b(?:nvidia|geforce|gpu|graphics|card|vram|cuda|torch|pytorch)\b|显卡|顯示卡|グラボ|グラフィック|ビデオカード/i;
const BLACKWELL = /\bRTX\s?50(?:xx|\s?series|系)|\b50\s?(?:series|系列?)\b|\b50xx\s?(?:series|系列?|cards?|GPUs?)\b|\bBlackwell\b|50系显卡/i;

const MAX = 64;

/** Reads the prose facts of normalised text. */
export function extractProseFacts(text: string): ProseFacts {
  const out: ProseFacts = { python: null, torch: null, driver: null, cudaTags: [], gpus: [], blackwell: BLACKWELL.test(text), interpreter: interpreterFrom(text), conflict: null, xformersNeeds: null, xformers: XFORMERS_ROW.exec(text)?.[1] ?? XFORMERS_LOGGED.exec(text)?.[1] ?? null, evidence: { python: [], torch: [], driver: [], gpu: [] } };

  const stated = PY_YOU_HAVE.exec(text) ?? firstMatch(text, PY_STATED);
  if (stated) {
    out.python = stated[1] ?? null;
    out.evidence.python.push(lineAt(text, stated.index));
  } else {
    const p = firstMatch(text, PY_PATH);
    if (p) {
      out.python = p[1] ? `${p[1]}.${p[2]}` : p[3] ? `${p[3]}.${p[4]}` : `${p[5]}.${Number(p[6])}`;
      out.evidence.python.push(lineAt(text, p.index));
    }
  }

  const needs = XFORMERS_NEEDS.exec(text);
  if (needs !== null) out.xformersNeeds = { version: needs[1] ?? null, torch: needs[2] ?? '', line: lineAt(text, needs.index) };
  out.conflict = pipTorchConflict(text);
  // A torch named as xformers' requirement ("xformers要求torch=2.1.0") is not the installed one.
  const torch = TORCH_INSTALLED.exec(text) ?? firstOutside(text, TORCH_STATED, needs) ?? TORCH_FORM.exec(text) ?? TORCH_LINE.exec(text);
  if (torch?.[1]) {
    const [release, tag] = torch[1].includes('+') ? torch[1].split('+') : [torch[1], torch[2]];
    out.torch = tag ? `${release}+${tag.toLowerCase()}` : (release ?? null);
    out.evidence.torch.push(lineAt(text, torch.index));
  }

  const driver = firstMatch(text, DRIVER_CJK);
  if (driver?.[1]) {
    out.driver = driver[1];
    out.evidence.driver.push(lineAt(text, driver.index));
  }

  for (const m of take(text.matchAll(CUDA_TAG))) {
    const tag = `cu${m[1]}`;
    if (!out.cudaTags.includes(tag)) out.cudaTags.push(tag);
  }

  const gpuContext = GPU_CONTEXT.test(text);
  for (const m of take(text.matchAll(BARE_MODEL))) {
    const series = (m[1] ?? m[4] ?? '').toUpperCase();
    if (series === '' && !gpuContext) continue;
    const num = m[2] ?? '';
    const family = series !== '' ? series : /^1[0-6]/.test(num) ? 'GTX' : 'RTX';
    const suffix = (m[3] ?? '').trim();
    addGpu(out, `${family} ${num}${suffix ? ` ${suffix.toUpperCase() === 'SUPER' ? 'SUPER' : 'Ti'}` : ''}`, lineAt(text, m.index));
  }
  for (const m of take(text.matchAll(GT_MODEL))) addGpu(out, (m[1] ?? '').toUpperCase().replace(/^(GTX|GT)\s?/, '$1 ').replace(/^MX\s?/, 'MX').replace(/\s?TI$/, ' Ti'), lineAt(text, m.index));
  return out;
}

// Lines that name the interpreter outright.
const VENV_LINE = /^venv "([^"\n]{1,400})"/im;
const EXECUTABLE = /\bPython executable:\s{0,3}(\S[^\n]{0,400}?(?:python(?:3(?:\.\d{1,2})?)?|python\.exe))[ \t]*$/im;
const COMMAND = /\bCommand:\s{0,3}"([^"\n]{1,400}?[\\/](?:python3?(?:\.\d{1,2})?|python\.exe))"/i;
const SITE = /[\\/](?:Lib|lib)[\\/](?:python3\.\d{1,2}[\\/])?site-packages[\\/]/g;

/** The interpreter a log shows, or the one a site-packages path belongs to; null when the text names none. */
export function interpreterFrom(text: string): string | null {
  const stated = VENV_LINE.exec(text)?.[1] ?? EXECUTABLE.exec(text)?.[1] ?? COMMAND.exec(text)?.[1];
  if (stated) return stated.trim();
  for (const m of take(text.matchAll(SITE))) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const before = text.slice(Math.max(lineStart, m.index - 400), m.index);
    const drive = /[A-Za-z]:\\(?![\s\S]*[A-Za-z]:\\)/.exec(before);
    if (drive !== null) {
      const root = before.slice(drive.index);
      return /python_embeded$|[\\]Python3\d{1,2}$|[\\]py3\d{1,2}$|[\\]python$/i.test(root) ? `${root}\\python.exe` : `${root}\\Scripts\\python.exe`;
    }
    const posix = /(\/[^\s"']*)$/.exec(before)?.[1];
    if (posix && /(?:venv|\.venv|env|envs\/[^/]+)$/.test(posix)) return `${posix}/bin/python`;
  }
  return null;
}

function addGpu(out: ProseFacts, name: string, line: string): void {
  const hit = lookupComputeCapability(name);
  if (hit === null) return;
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (out.gpus.some((g) => g.name.toLowerCase().replace(/[^a-z0-9]/g, '') === key)) return;
  out.gpus.push({ name, computeCapability: hit.cc });
  if (out.evidence.gpu.length < 3) out.evidence.gpu.push(line);
}

/** The first match of a global pattern that does not start inside another match's span (bounded like take()). */
function firstOutside(text: string, pattern: RegExp, span: RegExpExecArray | null): RegExpExecArray | null {
  if (span === null) return firstMatch(text, pattern);
  for (const m of take(text.matchAll(pattern))) {
    if (m.index < span.index || m.index >= span.index + span[0].length) return m;
  }
  return null;
}

function firstMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  pattern.lastIndex = 0;
  const m = pattern.exec(text);
  pattern.lastIndex = 0;
  return m;
}

function take(matches: IterableIterator<RegExpExecArray>): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const m of matches) {
    out.push(m);
    if (out.length >= MAX) break;
  }
  return out;
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return clip(text.slice(start, end === -1 ? text.length : end));
}
