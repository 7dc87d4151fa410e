import type { CliCommand } from './command.js';

/** `torchlift --help`: every command with its one-line summary. */
export function globalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'TorchLift — detect, explain and safely upgrade the GPU stack of Stable Diffusion installs.',
    '',
    'Usage: torchlift <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --json (machine output on stdout), --lang en|ja|zh-CN and --help.',
    'Exit codes: 0 success, 1 the operation failed, 2 bad usage or input (nothing changed).',
    '',
  ].join('\n');
}

/** `torchlift <command> --help`. */
export function commandHelp(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, o]) => {
    const arg = o.type === 'string' ? ` <${name.toUpperCase()}>` : '';
    const many = o.multiple ? ' (repeatable)' : '';
    return `  --${name}${arg}${many}`;
  });
  return [
    `torchlift ${command.name} — ${command.summary}`,
    '',
    'Usage:',
    ...command.usage.map((u) => `  torchlift ${u}`),
    '',
    ...(options.length > 0 ? ['Options:', ...options, ''] : []),
    'Common: --json, --lang en|ja|zh-CN, --help',
    '',
  ].join('\n');
}
