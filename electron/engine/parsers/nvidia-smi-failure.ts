// Recognises the ways nvidia-smi fails instead of printing GPUs.

/** Why nvidia-smi could not report GPUs. */
export type SmiFailureStatus = 'not-loaded' | 'library-mismatch' | 'not-installed' | 'unknown';

/** A recognised nvidia-smi failure with a plain-English explanation. */
export interface SmiFailure {
  status: SmiFailureStatus;
  message: string;
}

const RULES: readonly { pattern: RegExp; status: SmiFailureStatus; message: string }[] = [
  {
    pattern: /couldn't communicate with the NVIDIA driver|NVIDIA driver is not loaded/i,
    status: 'not-loaded',
    message:
      'nvidia-smi could not talk to the NVIDIA driver: the driver is installed but not running (not loaded, blocked by Secure Boot, or a reboot is pending after an update).',
  },
  {
    pattern: /Driver\/library version mismatch|NVML library version:/i,
    status: 'library-mismatch',
    message:
      'The loaded NVIDIA kernel driver and the NVIDIA user-space libraries have different versions (a driver update without a reboot, or a partial install). Reboot; reinstall the driver if it persists.',
  },
  {
    pattern:
      /is not recognized as an internal or external command|The term '?nvidia-smi(?:\.exe)?'? is not recognized|nvidia-smi:? (?:command )?not found|couldn't find libnvidia-ml\.so|NVML Shared Library Not Found|ENOENT/i,
    status: 'not-installed',
    message: 'nvidia-smi (or the NVML library it needs) was not found: no NVIDIA driver appears to be installed.',
  },
  {
    pattern: /No devices were found/i,
    status: 'unknown',
    message:
      'The NVIDIA driver is running but reports no GPU: the card may be disabled, not bound to the driver, not passed through to this VM/container, or unsupported by this driver branch.',
  },
  {
    pattern: /Unable to determine the device handle for GPU|GPU has fallen off the bus|GPU access blocked by the operating system/i,
    status: 'unknown',
    message: 'The NVIDIA driver cannot reach a GPU (device handle error, GPU fell off the bus, or access blocked by the OS).',
  },
  {
    pattern: /Failed to initialize NVML: (?!Driver\/library)/i,
    status: 'unknown',
    message: 'NVML failed to initialize for an unknown reason (common inside containers without GPU access).',
  },
];

/** Classifies nvidia-smi's failure output; null when the text is not one of the known failures. */
export function classifyNvidiaSmiFailure(output: string): SmiFailure | null {
  for (const rule of RULES) {
    if (rule.pattern.test(output)) return { status: rule.status, message: rule.message };
  }
  return null;
}

/** True when nvidia-smi rejected a `--query-gpu` field (older drivers do not know `compute_cap`). */
export function isUnsupportedQueryField(output: string): boolean {
  return /Field "[^"]+" is not a valid field to query/i.test(output);
}
