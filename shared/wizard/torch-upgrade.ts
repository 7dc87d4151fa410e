import type { Job } from '../schemas/tx.js';
import type { TorchUpgradeInput, TorchUpgradePlan, UpgradeTarget } from '../schemas/torch-upgrade.js';
import { jobFinished, wizardMachine, type GoalSpec, type WizardEvent, type WizardState } from './machine.js';

/** The torch-upgrade goal (issue 7) on the one wizard machine. */

/** Where the wheels come from, as picked in the wizard. */
export type SourceKind = 'official' | 'mirror' | 'url' | 'local';

/** What the user picked: the install, the target ('' = the recommendation), and the source. */
export interface UpgradeChoice {
  app: string;
  /** An exact torch version with its variant ("2.5.1+cu121"), or '' for the recommended one. */
  target: string;
  source: SourceKind;
  /** The mirror preset's name (source 'mirror'). */
  mirror: string;
  /** A custom index URL (source 'url'). */
  url: string;
  /** A local folder of wheels (source 'local'). */
  folder: string;
}

/** The version string that names a target or option exactly: "2.5.1+cu121" (a version that already has a local tag stays as it is). */
export function targetId(t: Pick<UpgradeTarget, 'torch' | 'variant'>): string {
  return t.torch.includes('+') || t.variant === '' ? t.torch : `${t.torch}+${t.variant}`;
}

/** The API input for a choice (without the goal): trimmed, the source as the engine names it. */
export function upgradeInputOf(c: UpgradeChoice): TorchUpgradeInput {
  const target = c.target.trim();
  const base: TorchUpgradeInput = { app: c.app.trim(), ...(target ? { torch: target } : {}) };
  switch (c.source) {
    case 'official':
      return { ...base, source: { kind: 'official' } };
    case 'mirror':
      return { ...base, source: { kind: 'mirror', name: c.mirror.trim() } };
    case 'url':
      return { ...base, source: { kind: 'url', url: c.url.trim() } };
    case 'local':
      return { ...base, findLinks: c.folder.trim() };
  }
}

/** Why a choice cannot be planned yet (the UI words it), or null when it can. */
export function upgradeChoiceProblem(c: UpgradeChoice): 'no-app' | 'no-mirror' | 'no-url' | 'no-folder' | null {
  if (c.app.trim() === '') return 'no-app';
  if (c.source === 'mirror' && c.mirror.trim() === '') return 'no-mirror';
  if (c.source === 'url' && c.url.trim() === '') return 'no-url';
  if (c.source === 'local' && c.folder.trim() === '') return 'no-folder';
  return null;
}

/** The running phases the user sees. */
export const TORCH_UPGRADE_PHASES = ['downloading', 'installing', 'verifying'] as const;

const DOWNLOADING = new Set(['planning', 'planned', 'download', 'downloading', 'fetching']);
const VERIFYING = new Set(['verifying', 'verified', 'committed', 'rolling-back', 'rolled-back']);

/** True while some wheel is still to be fetched or checked. */
const downloadsOpen = (job: Job): boolean => job.downloads.some((d) => d.state === 'pending' || d.state === 'downloading' || d.state === 'verifying');

/** Which phase an upgrade job is in: its downloads, then pip (snapshot, install, launcher), then the checks. */
export function torchUpgradePhase(job: Job): string {
  if (VERIFYING.has(job.phase) || job.verify !== null) return 'verifying';
  if (DOWNLOADING.has(job.phase) || downloadsOpen(job)) return 'downloading';
  return 'installing';
}

/** Weights of the phases (downloads dominate: torch alone is ~2.5 GB). */
const WEIGHTS = { downloading: 0.6, installing: 0.3, verifying: 0.1 } as const;

/** How far an upgrade job is, 0…1: downloaded bytes, then install, then verification. */
export function upgradeProgress(job: Job): number {
  if (jobFinished(job)) return 1;
  const phase = torchUpgradePhase(job);
  if (phase === 'verifying') return WEIGHTS.downloading + WEIGHTS.installing + WEIGHTS.verifying / 2;
  if (phase === 'installing') return WEIGHTS.downloading + WEIGHTS.installing / 2;
  const total = job.downloads.reduce((n, d) => n + (d.bytes ?? 0), 0);
  const done = job.downloads.reduce((n, d) => n + (d.state === 'cached' || d.state === 'done' ? (d.bytes ?? 0) : Math.min(d.doneBytes, d.bytes ?? d.doneBytes)), 0);
  return total > 0 ? WEIGHTS.downloading * (done / total) : 0;
}

/** The torch-upgrade goal as the wizard machine sees it: the recommendation's plan is the preview that lists the targets. */
export const torchUpgradeGoal: GoalSpec<UpgradeChoice, TorchUpgradePlan, TorchUpgradeInput> = {
  goal: 'torch-upgrade',
  initialChoice: (app) => ({ app, target: '', source: 'official', mirror: '', url: '', folder: '' }),
  inputOf: upgradeInputOf,
  choiceProblem: upgradeChoiceProblem,
  phases: TORCH_UPGRADE_PHASES,
  phaseOf: torchUpgradePhase,
  progress: upgradeProgress,
  previewOf: (c) => (upgradeChoiceProblem(c) ? null : upgradeInputOf({ ...c, target: '' })),
  previewFits: (c, plan) => c.target.trim() === '' || (plan.target !== null && targetId(plan.target) === c.target.trim()),
  plan: (api, input) => api.planTorchUpgrade(input),
  start: (api, input) => api.startApply({ ...input, goal: 'torch-upgrade' }),
};

/** The torch-upgrade wizard machine. */
export const torchUpgradeMachine = wizardMachine(torchUpgradeGoal);

/** The torch-upgrade wizard's state and events. */
export type UpgradeState = WizardState<UpgradeChoice, TorchUpgradePlan>;
export type UpgradeEvent = WizardEvent<UpgradeChoice, TorchUpgradePlan>;
