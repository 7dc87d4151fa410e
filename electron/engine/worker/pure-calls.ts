import type { Lang } from '../../../shared/api/contract.js';
import type { DetectReport } from '../../../shared/schemas/detect.js';
import type { DoctorReport } from '../../../shared/schemas/doctor.js';
import { doctorText } from '../doctor/doctor-text.js';

/**
 * CPU-heavy pure work a host must not run on its event loop (the web host and Electron main answer other calls
 * meanwhile). Each call takes and returns plain data, so it runs the same in a worker thread or in-process.
 */
export const PURE_CALLS = {
  doctor: (args: { text: string; lang: Lang; env: Record<string, string | undefined>; machine?: DetectReport | null }): DoctorReport =>
    doctorText(args.text, args.lang, args.env, { machine: args.machine ?? null }),
};

export type PureCallName = keyof typeof PURE_CALLS;
export type PureArgs<N extends PureCallName> = Parameters<(typeof PURE_CALLS)[N]>[0];
export type PureResult<N extends PureCallName> = ReturnType<(typeof PURE_CALLS)[N]>;
