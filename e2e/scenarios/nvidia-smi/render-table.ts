import type { SimDriver, SimMachine } from '../machine.js';

/** Table layout by driver era: 79 columns before R530, the 89-column layout from R545 (R530–R544 drawn wide too). */
export function tableEra(driverVersion: string): 'narrow' | 'wide' {
  return Number(driverVersion.split('.')[0]) < 530 ? 'narrow' : 'wide';
}

function fit(name: string, width: number): string {
  return name.length <= width ? name.padEnd(width) : `${name.slice(0, width - 3)}...`;
}

const na = (v: number | null, unit: string): string => (v === null ? 'N/A' : `${v}${unit}`);

function narrow(m: SimMachine, d: SimDriver): string[] {
  const win = m.platform === 'windows';
  const rule = `+${'-'.repeat(31)}+${'-'.repeat(22)}+${'-'.repeat(22)}+`;
  const out = [
    `+${'-'.repeat(77)}+`,
    `| NVIDIA-SMI ${d.version.padEnd(13)}Driver Version: ${d.version.padEnd(13)}CUDA Version: ${d.maxCuda.padEnd(9)}|`,
    `|${'-'.repeat(31)}+${'-'.repeat(22)}+${'-'.repeat(22)}+`,
    win ? '| GPU  Name            TCC/WDDM | Bus-Id        Disp.A | Volatile Uncorr. ECC |'
      : '| GPU  Name        Persistence-M| Bus-Id        Disp.A | Volatile Uncorr. ECC |',
    '| Fan  Temp  Perf  Pwr:Usage/Cap|         Memory-Usage | GPU-Util  Compute M. |',
    '|                               |                      |               MIG M. |',
    `|${'='.repeat(31)}+${'='.repeat(22)}+${'='.repeat(22)}|`,
  ];
  m.gpus.forEach((g, i) => {
    const mode = win ? ` ${fit(g.name, 18)} WDDM  ` : ` ${fit(g.name, 18)}  Off  `;
    out.push(`| ${String(i).padStart(3)} ${mode}| ${g.busId} ${i === 0 ? ' On' : 'Off'} |                  N/A |`);
    const box1 = ` ${na(g.fanPercent, '%').padStart(3)}   ${g.tempC}C    ${g.pstate}${na(g.powerDrawW === null ? null : Math.round(g.powerDrawW), 'W').padStart(7)} / ${na(g.powerCapW, 'W').padStart(4)} `;
    const box2 = `${`${g.memoryUsedMiB}MiB`.padStart(10)} / ${`${g.memoryTotalMiB}MiB`.padStart(8)} `;
    out.push(`|${box1}|${box2}|${`${g.utilPercent}%`.padStart(8)}${'Default'.padStart(13)} |`);
    out.push('|                               |                      |                  N/A |');
    out.push(rule);
  });
  out.push(' '.repeat(79), ...processes(m, 77));
  return out;
}

function wide(m: SimMachine, d: SimDriver): string[] {
  const win = m.platform === 'windows';
  const rule = `+${'-'.repeat(41)}+${'-'.repeat(24)}+${'-'.repeat(22)}+`;
  const out = [
    `+${'-'.repeat(89)}+`,
    `| NVIDIA-SMI ${d.version.padEnd(23)}Driver Version: ${d.version.padEnd(15)}CUDA Version: ${d.maxCuda.padEnd(9)}|`,
    `|${'-'.repeat(41)}+${'-'.repeat(24)}+${'-'.repeat(22)}+`,
    win ? '| GPU  Name                  Driver-Model | Bus-Id          Disp.A | Volatile Uncorr. ECC |'
      : '| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |',
    '| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |',
    '|                                         |                        |               MIG M. |',
    `|${'='.repeat(41)}+${'='.repeat(24)}+${'='.repeat(22)}|`,
  ];
  m.gpus.forEach((g, i) => {
    const mode = win ? `${fit(g.name, 27)}  WDDM  ` : `${fit(g.name, 29)}  Off `;
    out.push(`| ${String(i).padStart(3)}  ${mode}|   ${g.busId} ${i === 0 ? ' On' : 'Off'} |                  N/A |`);
    const box1 = ` ${na(g.fanPercent, '%').padStart(3)}   ${g.tempC}C    ${g.pstate}${na(g.powerDrawW === null ? null : Math.round(g.powerDrawW), 'W').padStart(16)} / ${na(g.powerCapW, 'W').padStart(5)} `;
    const box2 = `${`${g.memoryUsedMiB}MiB`.padStart(11)} / ${`${g.memoryTotalMiB}MiB`.padStart(9)} `;
    out.push(`|${box1}|${box2}|${`${g.utilPercent}%`.padStart(8)}${'Default'.padStart(13)} |`);
    out.push('|                                         |                        |                  N/A |');
    out.push(rule);
  });
  out.push(' '.repeat(91), ...processes(m, 89));
  return out;
}

/** The Processes box: `inner` is the width between the outer bars (77 narrow, 89 wide). */
function processes(m: SimMachine, inner: number): string[] {
  const row = (text: string): string => `|${text.padEnd(inner)}|`;
  const head = [row(' Processes:'), row(`${'  GPU   GI   CI        PID   Type   Process name'.padEnd(inner - 11)}GPU Memory `),
    row(`${'        ID   ID'.padEnd(inner - 11)}Usage      `), `|${'='.repeat(inner)}|`];
  const procs: Array<[number, string]> = m.platform === 'windows' && m.gpus.length > 0
    ? [[4312, 'C:\\Windows\\explorer.exe'], [9876, '...CBS_cw5n1h2txyewy\\TextInputHost.exe']] : [];
  const body = procs.length === 0 ? [row('  No running processes found')] : procs.map(([pid, name]) => {
    const left = `    0   N/A  N/A  ${String(pid).padStart(8)}    C+G   `;
    return row(`${left}${fit(name, inner - left.length - 11)}  N/A      `);
  });
  return [`+${'-'.repeat(inner)}+`, ...head, ...body, `+${'-'.repeat(inner)}+`];
}

/** The default `nvidia-smi` output (no arguments) for a machine with a loaded driver. */
export function renderTable(m: SimMachine): string[] {
  const d = m.driver;
  if (!d) return [];
  const body = tableEra(d.version) === 'narrow' ? narrow(m, d) : wide(m, d);
  return [`${m.timestamp}${tableEra(d.version) === 'narrow' ? '       ' : ''}`, ...body];
}
