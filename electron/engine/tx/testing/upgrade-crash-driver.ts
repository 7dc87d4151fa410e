import { executeUpgrade } from '../../goals/torch-upgrade/apply.js';
import type { TorchUpgradeInternals } from '../../goals/torch-upgrade/plan.js';
import type { TorchUpgradePlan } from '../../../../shared/schemas/torch-upgrade.js';
import { rollbackTransaction } from '../rollback-tx.js';

/**
 * A child process for the torch-upgrade crash test: runs the upgrade after planning (download, timing, snapshot,
 * pip, launcher, verify, commit) or a rollback of the last transaction, and is SIGKILLed by the test at a random
 * instant. Prints the outcome when it lives to the end.
 * argv[2]: JSON { mode: 'apply' | 'rollback', dataDir, env, plan, internals }.
 */
interface DriverArgs {
  mode: 'apply' | 'rollback';
  dataDir: string;
  env: NodeJS.ProcessEnv;
  plan: TorchUpgradePlan;
  internals: TorchUpgradeInternals;
}

const args = JSON.parse(process.argv[2] ?? '{}') as DriverArgs;
const outcome = args.mode === 'rollback'
  ? await rollbackTransaction({ dataDir: args.dataDir, id: 'last' })
  : (await executeUpgrade({ plan: args.plan, internals: args.internals, lang: 'en', env: args.env, dataDir: args.dataDir })).outcome;
process.stdout.write(`${JSON.stringify(outcome)}\n`);
