import type { TorchUpgradeInput, TorchUpgradePlan } from '../../../../shared/schemas/torch-upgrade.js';
import type { Job } from '../../../../shared/schemas/tx.js';
import { HandlerError } from '../../api/handler-error.js';

/** Placeholder until the torch-upgrade engine lands (same commit series). */
export function planTorchUpgradeStub(_input: TorchUpgradeInput, _dataDir: string): Promise<TorchUpgradePlan> {
  return Promise.reject(new HandlerError({ code: 'not-implemented', message: 'torch-upgrade is being built', fix: '' }));
}

export function startTorchUpgradeStub(_input: TorchUpgradeInput, _dataDir: string): Job {
  throw new HandlerError({ code: 'not-implemented', message: 'torch-upgrade is being built', fix: '' });
}
