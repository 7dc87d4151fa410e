/**
 * Fault injection for the crash tests: with TORCHLIFT_FAULT_STEP=N the process SIGKILLs itself right after
 * its N-th durable step (a journal write, a rename made durable, a staged file fsynced). Deterministic.
 */
let stepCount = 0;

/** Marks one durable step; kills the process here when the fault-injection counter says so. */
export function durableStep(_label: string): void {
  stepCount += 1;
  const target = Number.parseInt(process.env.TORCHLIFT_FAULT_STEP ?? '', 10);
  if (Number.isFinite(target) && target === stepCount) process.kill(process.pid, 'SIGKILL');
}

/** How many durable steps this process has taken (the fault test uses it to size its sweep). */
export function durableStepCount(): number {
  return stepCount;
}
