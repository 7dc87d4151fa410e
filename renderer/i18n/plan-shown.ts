import type { Msg, TranslateFn } from '../../shared/i18n/message.js';
import type { TorchUpgradePlan } from '../../shared/schemas/torch-upgrade.js';
import { shown } from './shown.js';

/**
 * Plans as the engine sent them (strings in the language asked for, messages beside them), with every text that
 * has a message rendered in the language on screen: switching language re-renders the review without planning
 * again. A text without a message (raw text, an older engine) stays as sent.
 */

/** A plan's list of texts (steps, notes): entry i rendered from `msgs[i]` when there is one. */
export function shownList(t: TranslateFn, texts: readonly string[], msgs: readonly (Msg | null)[] | undefined): string[] {
  return texts.map((text, i) => shown(t, text, msgs?.[i]));
}

/** A plan with `steps` / `notes` (cuda-install, cudnn-overlay, dll-swap) with both lists on screen's language. */
export function withShownLists<P extends { steps: string[]; notes?: string[]; stepMsgs?: (Msg | null)[]; noteMsgs?: (Msg | null)[] }>(t: TranslateFn, plan: P): P {
  return { ...plan, steps: shownList(t, plan.steps, plan.stepMsgs), ...(plan.notes ? { notes: shownList(t, plan.notes, plan.noteMsgs) } : {}) };
}

/** A torch-upgrade plan in the language on screen: steps, notes, why, options, the xformers reason, the source label. */
export function torchUpgradePlanShown(t: TranslateFn, plan: TorchUpgradePlan): TorchUpgradePlan {
  const option = (o: TorchUpgradePlan['alternatives'][number]): TorchUpgradePlan['alternatives'][number] => ({ ...o, note: shown(t, o.note, o.noteMsg) });
  return {
    ...withShownLists(t, plan),
    target: plan.target === null ? null : { ...plan.target, why: shown(t, plan.target.why, plan.target.whyMsg) },
    alternatives: plan.alternatives.map(option),
    rejected: plan.rejected.map(option),
    xformers: { ...plan.xformers, reason: plan.xformers.reason === null ? null : shown(t, plan.xformers.reason, plan.xformers.reasonMsg) },
    source: { ...plan.source, label: shown(t, plan.source.label, plan.source.labelMsg) },
  };
}
