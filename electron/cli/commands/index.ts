import type { CliCommand } from '../command.js';
import { detectCommand } from './detect.js';
import { doctorCommand } from './doctor.js';
import { serveCommand } from './serve.js';
import { applyCommand } from './apply.js';
import { historyCommand } from './history.js';
import { planCommand } from './plan.js';
import { recoverCommand } from './recover.js';
import { reportCommand } from './report.js';
import { rollbackCommand } from './rollback.js';

/** Every `torchlift` command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  detectCommand, doctorCommand, planCommand, applyCommand, rollbackCommand, historyCommand, recoverCommand, reportCommand, serveCommand,
];
