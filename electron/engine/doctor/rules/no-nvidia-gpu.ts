import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import { type Rule, nvidiaSeen } from '../rule-context.js';

const AMD = /\bROCm\b(?! used to build)|ROCM used to build PyTorch:\s*\d|HIP runtime version:\s*\d|\+rocm\d|\bRadeon\b|\bgfx\d{3,4}\b|torch[-_]directml|\bDirectML\b|\bZLUDA\b|\bAMD (?:cards?|GPUs?|graphics|显卡|显卡)|\bfor AMD\b|AMD\s?显卡|AMD\s?(?:の)?グラボ/i;
const INTEL = /\bIntel(?:\(R\))? Arc\b|intel[-_]extension[-_]for[-_]pytorch|\bIPEX\b|\bOpenVINO\b|\btorch\.xpu\b|\bxpu:\d\b/i;
const CPU_INDEX = /\/whl\/cpu\b/i;
const NPU = /\bSnapdragon\b|\bQualcomm\b|\bQAIRT\b|\bQNN\b|Windows on ARM|--use-cpu\s+all/i;
const APPLE = /\bApple (?:M\d|Silicon)\b|\bMPS backend\b|\bmps device\b/i;
// Integrated graphics named as the machine's GPU ("integrated Intel GPU(iris xe graphics)", "Intel(R) UHD Graphics 620",
// "核显", "内蔵GPU"): CUDA cannot use it.
const INTEGRATED = /\bIris(?:\(R\))?\s?Xe\b|\bIntel(?:\(R\))?\s(?:UHD|HD|Iris)(?:\(R\))?\s?(?:Graphics|Xe)?\b|\bIntel(?: core)? graphics\s?\((?:UHD|HD|Iris)[^)\n]{0,20}\)|\bintegrated\s(?:Intel\s)?(?:GPU|graphics)\b|核显|核芯显卡|集成显卡|内蔵(?:GPU|グラフィック)/i;
// The writer says the machine has no GPU at all (first person or about the machine; not a tool's "no GPU detected").
const NO_GPU =
  /纯\s?CPU\s?环境|没有(?:独立)?显卡|无独立显卡|\bI (?:do not|don'?t) have (?:an?|any) (?:NVIDIA |dedicated |discrete )?(?:GPU|graphics card|video card|adapter|card)\b|\b(?:machine|computer|PC|laptop|server) (?:has|with) no (?:NVIDIA |dedicated |discrete )?GPU\b|\bCPU[- ]only (?:machine|computer|PC|laptop|server)\b|\b(?:machine|computer|PC|laptop) without an? (?:NVIDIA |dedicated |discrete )?(?:GPU|graphics card|video card)\b|\bno (?:discrete|dedicated) (?:GPU|graphics)\b|グラボ(?:が|は)?(?:ない|無い|なし)|GPU(?:が|は)?(?:ない|無い|なし)(?:PC|パソコン|環境)/i;
// Words that put an NVIDIA GPU on the machine even when no model is named; a negated mention ("without an nvidia
// graphics card", "no NVIDIA GPU") does not count.
const NVIDIA_WORDS = /\b(?:nvidia|geforce|quadro)\b|\b(?:rtx|gtx)\s?\d/i;
const NEGATED_NVIDIA = /\b(?:without|no|not|don'?t have|do not have)\s(?:(?:an?|any)\s)?(?:nvidia|geforce)\b/gi;

/** no-nvidia-gpu: AMD / Apple / Intel / CPU-by-choice setups, where CUDA advice would be wrong. */
export const noNvidiaGpu: Rule = (ctx) => {
  const f = ctx.facts;
  const rocmTorch = /\+rocm/i.test(f.torchVersion ?? '');
  let key: string | null = null;
  let evidence: string[] = [];
  let value = '';
  if (ctx.platform === 'macos' && (ctx.source === 'report' || f.platformSeen === 'macos')) {
    key = 'detailApple';
    evidence = linesMatching(ctx.lines, /Clang|\/Users\/|mac\s?OS|darwin|MPS|Apple/i);
  } else if (rocmTorch || (!nvidiaSeen(f) && AMD.test(ctx.text))) {
    key = 'detailAmd';
    evidence = [...linesMatching(ctx.lines, AMD), ...(rocmTorch ? [`torch ${f.torchVersion}`] : [])];
  } else if (!nvidiaSeen(f) && INTEL.test(ctx.text)) {
    key = 'detailIntel';
    evidence = linesMatching(ctx.lines, INTEL);
  } else if (!nvidiaSeen(f) && (CPU_INDEX.test(ctx.text) || NPU.test(ctx.text))) {
    key = 'detailCpu';
    evidence = linesMatching(ctx.lines, new RegExp(`${CPU_INDEX.source}|${NPU.source}`, 'i'));
    value = /https?:\/\/\S*\/whl\/cpu\b/i.exec(ctx.text)?.[0] ?? '';
  } else if (!nvidiaSeen(f) && APPLE.test(ctx.text)) {
    key = 'detailApple';
    evidence = linesMatching(ctx.lines, APPLE);
  } else if (ctx.source === 'text' && !nvidiaSeen(f) && (NO_GPU.test(ctx.text) || (INTEGRATED.test(ctx.text) && !NVIDIA_WORDS.test(ctx.text.replace(NEGATED_NVIDIA, ''))))) {
    // The writer saying there is no (NVIDIA) GPU is enough unless a GPU model or driver version says otherwise;
    // integrated graphics alone is not, where the text also mentions NVIDIA (a laptop may have both).
    const integrated = INTEGRATED.exec(ctx.text);
    key = integrated !== null ? 'detailIntegrated' : 'detailNoGpu';
    value = (integrated ?? NO_GPU.exec(ctx.text))?.[0] ?? '';
    evidence = linesMatching(ctx.lines, integrated !== null ? INTEGRATED : NO_GPU, 2);
  } else if (ctx.source === 'report' && f.gpus.length === 0 && f.driverStatus === 'not-installed' && !f.torchCudaVersion) {
    key = 'detail';
  }
  if (key === null) return null;
  return makeFinding(ctx.lang, {
    code: 'no-nvidia-gpu',
    severity: 'info',
    detail: [{ key, params: { value } }],
    fix: [{ key: key === 'detailApple' ? 'fixApple' : 'fix' }],
    evidence,
  });
};
