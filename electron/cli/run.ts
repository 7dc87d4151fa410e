import { main } from './main.js';

// The process entry of bin/torchlift: wires real stdio, Ctrl+C and the exit code around main().
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  env: process.env,
  signal: controller.signal,
});
process.exitCode = code;
