// Parses whatever nvidia-smi output a user pasted (table, -q, -q -x, -L, query CSV) into one merged answer.
import { cleanLines } from './text-lines.js';
import { mergeGpuLists, newGpu, type SmiGpu } from './nvidia-smi-gpu.js';
import { parseSmiVersions } from './nvidia-smi-header.js';
import { parseSmiTable } from './nvidia-smi-table.js';
import { parseSmiList } from './nvidia-smi-list.js';
import { parseSmiQueryText, parseSmiXml } from './nvidia-smi-q.js';
import { parseSmiCsvLoose } from './nvidia-smi-csv.js';

export type { SmiGpu } from './nvidia-smi-gpu.js';
export { parseNvidiaSmiQueryCsv, type SmiQueryCsv } from './nvidia-smi-csv.js';
export { classifyNvidiaSmiFailure, isUnsupportedQueryField, type SmiFailure, type SmiFailureStatus } from './nvidia-smi-failure.js';

/** The main format found, the driver, the highest CUDA the driver supports, the GPUs and the lines used. */
export interface NvidiaSmiParse {
  format: 'table' | 'csv' | 'query' | 'xml' | 'list' | 'unknown';
  driverVersion: string | null;
  /** "CUDA Version" / "CUDA UMD Version": the newest CUDA runtime the driver can run, not an installed toolkit. */
  maxCudaVersion: string | null;
  gpus: SmiGpu[];
  evidence: string[];
}

/** Auto-detects and merges every nvidia-smi format found in the text (several pastes in one text are fine). */
export function parseNvidiaSmi(text: string): NvidiaSmiParse {
  const lines = cleanLines(text);
  const versions = parseSmiVersions(lines);
  const table = parseSmiTable(lines);
  const xml = parseSmiXml(text);
  const query = parseSmiQueryText(lines);
  const csv = parseSmiCsvLoose(lines);
  const list = parseSmiList(lines);
  const gpus = padToAttached(mergeGpuLists([table.gpus, xml.gpus, query.gpus, csv.gpus, list.gpus]), text);
  const evidence = [...versions.evidence, ...table.evidence, ...xml.evidence, ...query.evidence, ...csv.evidence, ...list.evidence];
  return {
    format: detectFormat(text, { table: table.gpus.length, xml: xml.gpus.length, query: query.gpus.length, csv: csv.gpus.length, list: list.gpus.length }),
    driverVersion: versions.driverVersion ?? csv.driverVersion,
    maxCudaVersion: versions.maxCudaVersion,
    gpus,
    evidence: [...new Set(evidence)],
  };
}

/** A cut-off -q / XML paste still says how many GPUs there are: unknown ones get an empty name. */
function padToAttached(gpus: SmiGpu[], text: string): SmiGpu[] {
  const attached = /Attached GPUs\s*:\s*(\d+)|<attached_gpus>\s*(\d+)/.exec(text);
  const count = Number(attached?.[1] ?? attached?.[2] ?? 0);
  const padded = [...gpus];
  for (let index = 0; padded.length < count && index < 64; index++) {
    if (!padded.some((gpu) => gpu.index === index)) padded.push(newGpu(index, ''));
  }
  return padded.sort((a, b) => a.index - b.index);
}

type Counts = Record<'table' | 'xml' | 'query' | 'csv' | 'list', number>;

function detectFormat(text: string, counts: Counts): NvidiaSmiParse['format'] {
  if (counts.table > 0 || /\|\s*NVIDIA-SMI\s+\d/.test(text)) return 'table';
  if (counts.xml > 0 || /<nvidia_smi_log>|<driver_version>/.test(text)) return 'xml';
  if (counts.query > 0 || /=NVSMI LOG=|^[ \t]*(?:Driver|KMD) Version[ \t]{2,}:/m.test(text)) return 'query';
  if (counts.csv > 0) return 'csv';
  if (counts.list > 0) return 'list';
  return 'unknown';
}
