import { supportsComputeCapField, type SimDriver, type SimGpu, type SimMachine } from '../machine.js';
import { tableEra } from './render-table.js';

/** One --query-gpu field: its CSV header and the value per GPU with units and without (nounits). */
export interface QueryField {
  header: string;
  withUnits: string[];
  bare: string[];
}

type FieldDef = { names: string[]; unit?: string; value: (g: SimGpu, i: number, m: SimMachine, d: SimDriver) => string | number | null };

const FIELDS: FieldDef[] = [
  { names: ['index'], value: (_g, i) => i },
  { names: ['name', 'gpu_name'], value: (g) => g.name },
  { names: ['driver_version'], value: (_g, _i, _m, d) => d.version },
  { names: ['count'], value: (_g, _i, m) => m.gpus.length },
  { names: ['uuid', 'gpu_uuid'], value: (g) => g.uuid },
  { names: ['pci.bus_id', 'gpu_bus_id'], value: (g) => g.busId },
  { names: ['serial', 'gpu_serial'], value: () => null },
  { names: ['vbios_version'], value: (g) => g.vbios },
  { names: ['memory.total'], unit: 'MiB', value: (g) => g.memoryTotalMiB },
  { names: ['memory.used'], unit: 'MiB', value: (g) => g.memoryUsedMiB },
  { names: ['memory.free'], unit: 'MiB', value: (g) => g.memoryTotalMiB - g.memoryUsedMiB - 229 },
  { names: ['temperature.gpu'], value: (g) => g.tempC },
  { names: ['fan.speed'], unit: '%', value: (g) => g.fanPercent },
  { names: ['power.draw'], unit: 'W', value: (g) => (g.powerDrawW === null ? null : g.powerDrawW.toFixed(2)) },
  { names: ['power.limit'], unit: 'W', value: (g) => (g.powerCapW === null ? null : g.powerCapW.toFixed(2)) },
  { names: ['pstate'], value: (g) => g.pstate },
  { names: ['utilization.gpu'], unit: '%', value: (g) => g.utilPercent },
  { names: ['clocks.sm', 'clocks.current.sm'], unit: 'MHz', value: () => 210 },
  { names: ['driver_model.current'], value: (_g, _i, m) => (m.platform === 'windows' ? 'WDDM' : null) },
  { names: ['persistence_mode'], value: (_g, _i, m) => (m.platform === 'windows' ? null : 'Disabled') },
  { names: ['display_active', 'display_mode'], value: () => 'Enabled' },
  { names: ['compute_cap'], value: (g) => g.cc },
];

/** Every --query-gpu field this driver knows, keyed by each accepted name (compute_cap only from R510). */
export function renderQueryFields(m: SimMachine): Record<string, QueryField> {
  const d = m.driver;
  const out: Record<string, QueryField> = {};
  if (!d) return out;
  for (const def of FIELDS) {
    if (def.names.includes('compute_cap') && !supportsComputeCapField(d.version)) continue;
    const raw = m.gpus.map((g, i) => def.value(g, i, m, d));
    const bare = raw.map((v) => (v === null ? '[N/A]' : String(v)));
    const withUnits = raw.map((v) => (v === null ? '[N/A]' : def.unit ? `${v} ${def.unit}` : String(v)));
    for (const name of def.names) {
      out[name] = { header: def.unit ? `${name} [${def.unit}]` : name, withUnits, bare };
    }
  }
  return out;
}

/** `nvidia-smi -L`. */
export function renderList(m: SimMachine): string[] {
  return m.gpus.map((g, i) => `GPU ${i}: ${g.name} (UUID: ${g.uuid})`);
}

/** `nvidia-smi -q` (label column 36 wide before R530, 42 after, as the real tool). */
export function renderQ(m: SimMachine): string[] {
  const d = m.driver;
  if (!d) return [];
  const width = tableEra(d.version) === 'narrow' ? 36 : 42;
  const kv = (indent: number, label: string, value?: string | number): string =>
    value === undefined ? `${' '.repeat(indent)}${label}` : `${' '.repeat(indent)}${label}`.padEnd(width) + `: ${value}`;
  const win = m.platform === 'windows';
  const out = ['', '==============NVSMI LOG==============', '', kv(0, 'Timestamp', m.timestamp),
    kv(0, 'Driver Version', d.version), kv(0, 'CUDA Version', d.maxCuda), '', kv(0, 'Attached GPUs', m.gpus.length)];
  for (const g of m.gpus) {
    out.push(`GPU ${g.busId}`,
      kv(4, 'Product Name', g.name), kv(4, 'Product Brand', 'GeForce'), kv(4, 'Product Architecture', g.architecture),
      kv(4, 'Display Mode', 'Enabled'), kv(4, 'Display Active', 'Enabled'), kv(4, 'Persistence Mode', win ? 'N/A' : 'Disabled'),
      kv(4, 'MIG Mode'), kv(8, 'Current', 'N/A'), kv(8, 'Pending', 'N/A'),
      kv(4, 'Accounting Mode', 'Disabled'), kv(4, 'Accounting Mode Buffer Size', 4000),
      kv(4, 'Driver Model'), kv(8, 'Current', win ? 'WDDM' : 'N/A'), kv(8, 'Pending', win ? 'WDDM' : 'N/A'),
      kv(4, 'Serial Number', 'N/A'), kv(4, 'GPU UUID', g.uuid), kv(4, 'Minor Number', win ? 'N/A' : 0),
      kv(4, 'VBIOS Version', g.vbios), kv(4, 'MultiGPU Board', 'No'), kv(4, 'Board ID', '0x100'),
      kv(4, 'PCI'), kv(8, 'Bus', `0x${g.busId.slice(9, 11)}`), kv(8, 'Device', '0x00'), kv(8, 'Domain', '0x0000'),
      kv(8, 'Bus Id', g.busId),
      kv(4, 'Fan Speed', g.fanPercent === null ? 'N/A' : `${g.fanPercent} %`), kv(4, 'Performance State', g.pstate),
      kv(4, 'FB Memory Usage'), kv(8, 'Total', `${g.memoryTotalMiB} MiB`), kv(8, 'Reserved', '229 MiB'),
      kv(8, 'Used', `${g.memoryUsedMiB} MiB`), kv(8, 'Free', `${g.memoryTotalMiB - g.memoryUsedMiB - 229} MiB`),
      kv(4, 'Compute Mode', 'Default'),
      kv(4, 'Temperature'), kv(8, 'GPU Current Temp', `${g.tempC} C`),
      kv(4, 'Power Readings'), kv(8, 'Power Draw', g.powerDrawW === null ? 'N/A' : `${g.powerDrawW.toFixed(2)} W`),
      kv(8, 'Power Limit', g.powerCapW === null ? 'N/A' : `${g.powerCapW.toFixed(2)} W`),
      kv(4, 'Clocks'), kv(8, 'Graphics', '210 MHz'), kv(8, 'SM', '210 MHz'), kv(8, 'Memory', '405 MHz'), '');
  }
  return out;
}
