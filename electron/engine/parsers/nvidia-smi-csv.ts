// `nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits]` output: our own query and pasted CSV.
import { cleanLines, intOrNull, valueOrNull } from './text-lines.js';
import { MAX_SMI_GPUS, newGpu, type SmiGpu, type SmiPart } from './nvidia-smi-gpu.js';

/** Driver version and GPUs read from query CSV. */
export interface SmiQueryCsv {
  driverVersion: string | null;
  gpus: SmiGpu[];
}

const DRIVER_VALUE = /^\d{2,4}\.\d{1,3}(?:\.\d{1,3})?$/;
const CC_VALUE = /^\d{1,2}\.\d{1,2}$/;

/** Maps nvidia-smi field aliases (`gpu_name`, `memory.total [MiB]`) to canonical names. */
function canonicalField(field: string): string {
  const bare = field.trim().toLowerCase().replace(/\[[^[\]]*\]$/, '').trimEnd();
  const aliases: Record<string, string> = { gpu_name: 'name', gpu_uuid: 'uuid', 'memory.total': 'memory.total' };
  return aliases[bare] ?? bare;
}

/**
 * Parses rows of `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits` (units and a header line are
 * tolerated). `[N/A]` becomes null; rows that do not fit the fields (errors, headers) are skipped.
 */
export function parseNvidiaSmiQueryCsv(text: string, fields: readonly string[]): SmiQueryCsv {
  const names = fields.map(canonicalField);
  const gpus: SmiGpu[] = [];
  let driverVersion: string | null = null;
  for (const line of cleanLines(text)) {
    if (gpus.length >= MAX_SMI_GPUS) break;
    const gpu = parseRow(line, names, gpus.length);
    if (gpu === null) continue;
    gpus.push(gpu.gpu);
    driverVersion ??= gpu.driver;
  }
  return { driverVersion, gpus };
}

function splitRow(line: string, names: readonly string[]): string[] | null {
  const cells = line.split(',').map((cell) => cell.trim());
  if (cells.length < names.length) return null;
  if (cells.length === names.length) return cells;
  // A comma inside the name: give the extra cells back to the name column.
  const nameAt = names.indexOf('name');
  if (nameAt < 0) return null;
  const extra = cells.length - names.length;
  const name = cells.slice(nameAt, nameAt + extra + 1).join(', ');
  return [...cells.slice(0, nameAt), name, ...cells.slice(nameAt + extra + 1)];
}

function parseRow(line: string, names: readonly string[], ordinal: number): { gpu: SmiGpu; driver: string | null } | null {
  const cells = splitRow(line, names);
  if (cells === null) return null;
  const cell = (field: string): string | null => {
    const at = names.indexOf(field);
    return at < 0 ? null : valueOrNull(cells[at]);
  };
  const index = cell('index');
  const driver = cell('driver_version');
  if (names.includes('index') && (index === null || !/^\d+$/.test(index))) return null;
  if (driver !== null && !DRIVER_VALUE.test(driver)) return null;
  const name = cell('name');
  if (names.includes('name') && (name === null || !/[A-Za-z]/.test(name))) return null;
  const gpu = newGpu(index === null ? ordinal : Number(index), name ?? '');
  gpu.memoryTotalMiB = intOrNull(cell('memory.total'));
  gpu.memoryUsedMiB = intOrNull(cell('memory.used'));
  const cc = cell('compute_cap');
  gpu.computeCapability = cc !== null && CC_VALUE.test(cc) ? cc : null;
  gpu.uuid = cell('uuid');
  return { gpu, driver };
}

const KNOWN_FIELDS = new Set(['index', 'name', 'driver_version', 'memory.total', 'memory.used', 'memory.free', 'compute_cap', 'uuid', 'pci.bus_id']);
const GPU_NAME = /NVIDIA|GeForce|Quadro|Tesla|TITAN|RTX|GTX|\b[AHLBTV]\d{1,4}\b/i;

/** Guesses what a header-less CSV cell holds (null when it fits nothing). */
function guessField(cell: string, position: number): string | null {
  if (/^\[?N\/A\]?$/i.test(cell)) return 'unknown';
  if (position === 0 && /^\d{1,2}$/.test(cell)) return 'index';
  if (DRIVER_VALUE.test(cell) && Number(cell.split('.')[0]) >= 100) return 'driver_version';
  if (CC_VALUE.test(cell)) return 'compute_cap';
  if (/^\d{3,7}(?:\s*MiB)?$/.test(cell)) return 'memory.total';
  if (/^GPU-[0-9a-f-]+$/i.test(cell)) return 'uuid';
  if (GPU_NAME.test(cell)) return 'name';
  return null;
}

/** Finds pasted query CSV in free text: a header line naming the fields, or header-less rows recognised by shape. */
export function parseSmiCsvLoose(lines: readonly string[]): SmiPart & { driverVersion: string | null } {
  const gpus: SmiGpu[] = [];
  const evidence: string[] = [];
  let driverVersion: string | null = null;
  let header: string[] | null = null;
  for (const line of lines) {
    if (gpus.length >= MAX_SMI_GPUS) break;
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length < 2) {
      header = null;
      continue;
    }
    const asFields = cells.map(canonicalField);
    if (asFields.every((field) => /^[a-z_.]+$/.test(field)) && asFields.filter((field) => KNOWN_FIELDS.has(field)).length >= 2) {
      header = asFields;
      evidence.push(line.trim());
      continue;
    }
    const fields = header ?? guessFields(cells);
    if (fields === null) continue;
    const row = parseRow(line, fields, gpus.length);
    if (row === null || (header === null && row.gpu.name === '')) continue;
    gpus.push(row.gpu);
    driverVersion ??= row.driver;
    evidence.push(line.trim());
  }
  return { gpus, evidence, driverVersion };
}

function guessFields(cells: readonly string[]): string[] | null {
  const fields = cells.map((cell, position) => guessField(cell, position));
  if (fields.some((field) => field === null) || !fields.includes('name')) return null;
  const known = fields.filter((field) => field !== 'name' && field !== 'unknown' && field !== 'index');
  return known.length > 0 ? (fields as string[]) : null;
}
