import '../../electron/engine/tx/testing/arm-faults.js';
import { placeStagedTree } from '../../electron/engine/goals/cuda-install/staged-tree.js';
import { durableStepCount } from '../../electron/engine/tx/fault.js';

/**
 * A child process for the crash tests of issue 8: places a staged toolkit (user-mode install) or cuDNN overlay into a
 * target as the goals do; TORCHLIFT_FAULT_STEP=N makes it SIGKILL itself at its N-th durable step.
 * argv[2]: JSON { dataDir, stagingDir, target, goal }.
 */
const args = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; stagingDir: string; target: string; goal: string };
const outcome = await placeStagedTree({ ...args, intent: 'fault test', verify: async () => ({ ok: true, log: [] }) });
process.stdout.write(`${JSON.stringify({ steps: durableStepCount(), outcome })}\n`);
