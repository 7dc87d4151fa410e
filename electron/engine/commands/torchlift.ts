import type { Platform } from '../../../shared/schemas/detect.js';
import { displayCommand } from './pip.js';

/*
 * The `torchlift …` commands TorchLift shows as the CLI form of a step (the guided CUDA path): built as an argument
 * list and displayed with the same quoting as every pip command, so a path with spaces, `&`, `[ ]` or CJK characters
 * is pasted back as one argument in cmd.exe and in a POSIX shell alike.
 */

/** A `torchlift` command: its arguments (after the program) and the line to show or copy. */
export interface TorchliftCommand {
  args: string[];
  display: string;
}

/** `torchlift <args…>`, quoted for `platform`'s shell. */
export function buildTorchliftCommand(args: readonly string[], platform: Platform): TorchliftCommand {
  return { args: [...args], display: displayCommand(['torchlift', ...args], platform) };
}
