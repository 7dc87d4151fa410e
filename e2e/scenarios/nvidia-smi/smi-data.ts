import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineFilePath, type SimMachine } from '../machine.js';
import { renderList, renderQ, renderQueryFields, type QueryField } from './render-query.js';
import { renderTable } from './render-table.js';

/** Everything the fake nvidia-smi prints, pre-rendered from the machine (`<root>/.sim/nvidia-smi.json`). */
export interface SmiData {
  /** Windows tools print CRLF. */
  eol: '\r\n' | '\n';
  gpuCount: number;
  failure: { lines: string[]; exitCode: number } | null;
  table: string[];
  q: string[];
  list: string[];
  version: string[] | null;
  help: string[];
  fields: Record<string, QueryField>;
}

const SCRIPT_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-nvidia-smi.cjs');

function failureOf(m: SimMachine): SmiData['failure'] {
  const d = m.driver;
  if (!d) return null;
  if (d.state === 'not-loaded') {
    return { lines: ['NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.', ''], exitCode: 9 };
  }
  if (d.state === 'library-mismatch') {
    return { lines: ['Failed to initialize NVML: Driver/library version mismatch', `NVML library version: ${d.version}`], exitCode: 18 };
  }
  if (m.gpus.length === 0) return { lines: ['No devices were found'], exitCode: 6 };
  return null;
}

/** Renders the fake nvidia-smi's outputs for a machine (pure). */
export function renderSmiData(m: SimMachine): SmiData {
  const d = m.driver;
  const hasVersionFlag = d !== null && Number(d.version.split('.')[0]) >= 510;
  return {
    eol: m.platform === 'windows' ? '\r\n' : '\n',
    gpuCount: m.gpus.length,
    failure: failureOf(m),
    table: renderTable(m),
    q: renderQ(m),
    list: renderList(m),
    version: hasVersionFlag && d
      ? [`NVIDIA-SMI version  : ${d.version}`, `NVML version        : ${d.version.split('.')[0]}.${d.version.split('.')[1]}`,
        `DRIVER version      : ${d.version}`, `CUDA Version        : ${d.maxCuda}`]
      : null,
    help: [`NVIDIA System Management Interface -- v${d?.version ?? 'unknown'}`, '',
      'NVSMI provides monitoring information for Tesla and select Quadro devices.', ''],
    fields: renderQueryFields(m),
  };
}

/** Writes machine.json and the nvidia-smi outputs for it; edits made this way take effect on the next run. */
export async function writeSimState(root: string, machine: SimMachine): Promise<string> {
  const file = machineFilePath(root);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await Promise.all([
    fs.writeFile(file, `${JSON.stringify(machine, null, 2)}\n`),
    fs.writeFile(path.join(path.dirname(file), 'nvidia-smi.json'), JSON.stringify(renderSmiData(machine))),
  ]);
  return file;
}

/** Single-quotes a string for /bin/sh. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Installs the fake nvidia-smi at `exePath` (a /bin/sh script running the .cjs in `<root>/.sim/`). */
export async function installFakeNvidiaSmi(opts: { root: string; exePath: string }): Promise<void> {
  const simDir = path.dirname(machineFilePath(opts.root));
  const script = path.join(simDir, 'fake-nvidia-smi.cjs');
  await fs.mkdir(path.dirname(opts.exePath), { recursive: true });
  await fs.mkdir(simDir, { recursive: true });
  await fs.copyFile(SCRIPT_SOURCE, script);
  const wrapper = `#!/bin/sh\n# Fake nvidia-smi (TorchLift simulated machine).\nexec ${shQuote(process.execPath)} ${shQuote(script)} "$@"\n`;
  await fs.writeFile(opts.exePath, wrapper, { mode: 0o755 });
}
