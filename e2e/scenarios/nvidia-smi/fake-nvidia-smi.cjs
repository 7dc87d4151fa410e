'use strict';
// Fake nvidia-smi for TorchLift's simulated machines: prints the recorded output kept in nvidia-smi.json
// (written by e2e/scenarios/nvidia-smi/smi-data.ts next to this file), honouring the arguments real tools pass.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script that node runs directly */
const fs = require('node:fs');
const path = require('node:path');

const data = JSON.parse(fs.readFileSync(path.join(__dirname, 'nvidia-smi.json'), 'utf8'));
const args = process.argv.slice(2);

function finish(lines, code) {
  process.stdout.write(lines.map((l) => l + data.eol).join(''));
  process.exitCode = code;
}

function option(long, short) {
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
    if (a === long || (short && a === short)) return args[i + 1] === undefined ? '' : args[i + 1];
  }
  return null;
}

function query(fieldsText) {
  const format = option('--format');
  if (format === null || format === '') {
    return finish(['ERROR: Option --format is required. Please run \'nvidia-smi -h\' for help.', ''], 2);
  }
  const fields = fieldsText.split(',').map((f) => f.trim()).filter((f) => f !== '');
  for (const f of fields) {
    if (!data.fields[f]) return finish([`Field "${f}" is not a valid field to query.`, ''], 2);
  }
  const flags = format.split(',').map((f) => f.trim());
  if (!flags.includes('csv')) return finish([`"${format}" is not a valid format.`, ''], 2);
  const index = option('--id', '-i');
  const gpus = data.gpuCount === 0 ? [] : [...Array(data.gpuCount).keys()].filter((i) => index === null || String(i) === index);
  const lines = flags.includes('noheader') ? [] : [fields.map((f) => data.fields[f].header).join(', ')];
  for (const i of gpus) {
    lines.push(fields.map((f) => (flags.includes('nounits') ? data.fields[f].bare[i] : data.fields[f].withUnits[i])).join(', '));
  }
  return finish(lines, 0);
}

function main() {
  if (args.includes('-h') || args.includes('--help')) return finish(data.help, 0);
  if (data.failure) return finish(data.failure.lines, data.failure.exitCode);
  if (args.length === 0) return finish(data.table, 0);
  if (args.includes('--version')) {
    return data.version ? finish(data.version, 0) : finish(['ERROR: Option --version is not recognized. Please run \'nvidia-smi -h\'.', ''], 2);
  }
  const fields = option('--query-gpu');
  if (fields !== null) return query(fields);
  if (args.includes('-L') || args.includes('--list-gpus')) return finish(data.list, 0);
  if (args.includes('-q') || args.includes('--query')) return finish(data.q, 0);
  return finish(['Invalid combination of input arguments. Please run \'nvidia-smi -h\' for help.', ''], 2);
}

main();
