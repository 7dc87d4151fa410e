/**
 * Fault injection for the crash tests: once armed, the process SIGKILLs itself right after its N-th durable step (a
 * journal write, a rename made durable, a staged file fsynced). Deterministic.
 *
 * Only test builds can arm it: `tx/testing/arm-faults.ts` reads TORCHLIFT_FAULT_STEP and calls `armFaultStep`, and
 * nothing the app, the web host or the CLI loads imports that module (the shipped build leaves out `tx/testing/`).
 * So the variable does nothing to the shipped program.
 */
let stepCount = 0;
let killAtStep: number | null = null;

/** Marks one durable step; kills the process here when fault injection is armed for this step. */
export function durableStep(_label: string): void {
  stepCount += 1;
  if (killAtStep !== null && killAtStep === stepCount) process.kill(process.pid, 'SIGKILL');
}

/** How many durable steps this process has taken (the fault test uses it to size its sweep). */
export function durableStepCount(): number {
  return stepCount;
}

/** Test builds only (see above): kill the process after durable step `step`; null disarms. */
export function armFaultStep(step: number | null): void {
  killAtStep = step !== null && Number.isInteger(step) && step > 0 ? step : null;
}
