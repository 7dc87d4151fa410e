/** The last part of a Windows or POSIX path: "C:\\a\\b\\cudnn64_8.dll" → "cudnn64_8.dll". */
export function fileName(p: string): string {
  const parts = p.split(/[\\/]/).filter((s) => s !== '');
  return parts.at(-1) ?? p;
}

/** A date and time in the UI language, e.g. "2024/05/01 13:05" in Japanese; the raw text when unparsable. */
export function formatTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Library families as people know them. */
const COMPONENT_NAMES: Record<string, string> = {
  cudart: 'CUDA runtime', cublas: 'cuBLAS', cudnn: 'cuDNN', nvjitlink: 'nvJitLink', cufft: 'cuFFT', curand: 'cuRAND',
  cusolver: 'cuSOLVER', cusparse: 'cuSPARSE', nvrtc: 'NVRTC', cupti: 'CUPTI', nvtx: 'NVTX', nccl: 'NCCL', zlib: 'zlib',
};

/** The product name of a library component ("cublas" → "cuBLAS"); unknown ones as given. */
export const componentName = (c: string): string => COMPONENT_NAMES[c] ?? c;

const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) /;

/** A job log line with its leading UTC timestamp shown as local time ("13:05:07 pip: …"); other lines as they are. */
export function localLogLine(line: string, lang: string): string {
  const m = ISO_PREFIX.exec(line);
  if (!m?.[1]) return line;
  const d = new Date(m[1]);
  if (Number.isNaN(d.getTime())) return line;
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
  return `${time} ${line.slice(m[0].length)}`;
}

/** Seconds as people read a remaining time: "45 s", "3 min 20 s", "1 h 05 min" (units from the caller's language). */
export function durationParts(seconds: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(seconds));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
