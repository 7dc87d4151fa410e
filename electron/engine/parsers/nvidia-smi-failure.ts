// Recognises the ways nvidia-smi fails instead of printing GPUs.
import { type Msg, msg } from '../../../shared/i18n/message.js';
import { renderIn } from '../i18n/msg-text.js';

/** Why nvidia-smi could not report GPUs. */
export type SmiFailureStatus = 'not-loaded' | 'library-mismatch' | 'not-installed' | 'unknown';

/** A recognised nvidia-smi failure with its explanation (English in `message`; any language from `msg`). */
export interface SmiFailure {
  status: SmiFailureStatus;
  message: string;
  /** The same explanation as a message of the detect catalog (shown in the user's language). */
  msg: Msg;
}

const RULES: readonly { pattern: RegExp; status: SmiFailureStatus; key: string }[] = [
  {
    pattern: /couldn't communicate with the NVIDIA driver|NVIDIA driver is not loaded/i,
    status: 'not-loaded',
    key: 'not-loaded',
  },
  {
    pattern: /Driver\/library version mismatch|NVML library version:/i,
    status: 'library-mismatch',
    key: 'library-mismatch',
  },
  {
    pattern:
      /is not recognized as an internal or external command|The term '?nvidia-smi(?:\.exe)?'? is not recognized|nvidia-smi:? (?:command )?not found|couldn't find libnvidia-ml\.so|NVML Shared Library Not Found|ENOENT/i,
    status: 'not-installed',
    key: 'not-installed',
  },
  {
    pattern: /No devices were found/i,
    status: 'unknown',
    key: 'no-devices',
  },
  {
    pattern: /Unable to determine the device handle for GPU|GPU has fallen off the bus|GPU access blocked by the operating system/i,
    status: 'unknown',
    key: 'no-handle',
  },
  {
    pattern: /Failed to initialize NVML: (?!Driver\/library)/i,
    status: 'unknown',
    key: 'nvml-init',
  },
];

/** Classifies nvidia-smi's failure output; null when the text is not one of the known failures. */
export function classifyNvidiaSmiFailure(output: string): SmiFailure | null {
  for (const rule of RULES) {
    if (!rule.pattern.test(output)) continue;
    const m = msg(`detect:driver.failure.${rule.key}`);
    return { status: rule.status, message: renderIn('en', m), msg: m };
  }
  return null;
}

/** True when nvidia-smi rejected a `--query-gpu` field (older drivers do not know `compute_cap`). */
export function isUnsupportedQueryField(output: string): boolean {
  return /Field "[^"]+" is not a valid field to query/i.test(output);
}
