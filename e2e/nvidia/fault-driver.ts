import '../../electron/engine/tx/testing/arm-faults.js';
import { inspectArchive, mapEntries } from '../../electron/engine/archive/archive.js';
import { placeStagedTree } from '../../electron/engine/goals/cuda-install/staged-tree.js';
import { durableStepCount } from '../../electron/engine/tx/fault.js';

/**
 * A child process for the crash tests of issue 8: places a toolkit (user-mode install) or a cuDNN overlay into a
 * target as the goals do — the archive's entries written straight into their staging names, the few other files
 * copied from `copyDir`; TORCHLIFT_FAULT_STEP=N makes it SIGKILL itself at its N-th durable step.
 * argv[2]: JSON { dataDir, copyDir, archive, target, goal }.
 */
const args = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; copyDir: string; archive: string; target: string; goal: string };
const archive = await inspectArchive(args.archive);
const mapped = mapEntries(archive, (e) => e.path.split('/').slice(1).join('/') || null);
const outcome = await placeStagedTree({
  dataDir: args.dataDir, goal: args.goal, target: args.target, intent: 'fault test', stagingDir: args.copyDir,
  archives: [{ archive, items: mapped.map((m) => ({ entry: m.entry.name, rel: m.rel, bytes: m.entry.size })) }],
  verify: async () => ({ ok: true, log: [] }),
});
process.stdout.write(`${JSON.stringify({ steps: durableStepCount(), outcome })}\n`);
