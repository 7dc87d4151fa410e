import type { CliCommand } from '../command.js';
import { detectCommand } from './detect.js';
import { doctorCommand } from './doctor.js';
import { serveCommand } from './serve.js';

/** Every `torchlift` command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [detectCommand, doctorCommand, serveCommand];
