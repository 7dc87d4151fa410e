import { detectMsg } from '../../i18n/msg-text.js';
import { compare as pepCompare, valid } from '@renovatebot/pep440';
import { appRequirements } from '../../knowledge/apps.js';
import { releaseOf } from '../../knowledge/versions.js';
import { makeFinding } from '../make-finding.js';
import { linesMatching } from '../normalise.js';
import { fixFromBuild, recommendedFix } from '../recommended-fix.js';
import type { Rule } from '../rule-context.js';
import { newestBuild } from '../targets.js';

const A1111 = /You are running torch (\S+?)\.?\s+The program is tested to work with torch (\d+\.\d+(?:\.\d+)?)/i;
const NEEDS = /(?:requires|needs|need) (?:PyTorch|torch)(?:\s*(?:>=|version))?\s*(\d+\.\d+(?:\.\d+)?) or (?:newer|later|higher)/i;

/** torch-too-old-for-app: A1111's "tested to work with torch X", or the app's minimum from apps.json. */
export const torchTooOldForApp: Rule = (ctx) => {
  const f = ctx.facts;
  const a = A1111.exec(ctx.text);
  const needs = NEEDS.exec(ctx.text);
  const row = ctx.source === 'report' && f.installKind ? appRequirements(f.installKind) : null;
  const torch = a?.[1] ?? f.torchVersion;
  const expected = a?.[2] ?? needs?.[1] ?? row?.minTorch ?? null;
  const have = torch ? releaseOf(torch) : null;
  const want = expected ? releaseOf(expected) : null;
  if (!have || !want || !valid(have) || !valid(want) || pepCompare(have, want) >= 0) return null;
  const noCuda = ctx.platform === 'macos' || /\+(?:cpu|rocm)/.test(torch ?? '');
  const cc = f.gpus.find((g) => g.computeCapability)?.computeCapability ?? null;
  // The recommendation's build when it is new enough for the app; else the expected torch release itself.
  const recommended = noCuda ? undefined : recommendedFix(ctx, { allowDriverUpgrade: true });
  const recommendedRelease = recommended ? releaseOf(recommended.torch) : null;
  const newEnough = recommended && recommendedRelease && pepCompare(recommendedRelease, want) >= 0 ? recommended : null;
  const build = noCuda ? null : (newEnough ?? fixFromBuild(ctx, newestBuild({ platform: ctx.platform, torch: want, cc, maxCuda: f.maxCudaVersion })));
  return makeFinding(ctx.lang, {
    code: 'torch-too-old-for-app',
    severity: 'warning',
    params: { torch: torch ?? '?', expected: expected ?? '?', command: build ? build.command.display : '' },
    fix: [build ? { key: 'fix', params: { expected: releaseOf(build.torch) ?? build.torch } } : { key: 'fixNoCuda' }],
    commands: [build?.command],
    evidence: a || needs ? linesMatching(ctx.lines, /You are running torch|tested to work with torch|(?:requires|needs) (?:PyTorch|torch)/i, 2) : [`torch ${torch}`, detectMsg('evidence.appExpects', { app: f.installKind ?? '?', torch: expected ?? '?' })],
    unconfirmed: row !== null && !a && !row.confirmed,
  });
};
