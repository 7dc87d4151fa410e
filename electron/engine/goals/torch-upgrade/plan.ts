import fs from 'node:fs/promises';
import path from 'node:path';
import { valid } from '@renovatebot/pep440';
import type { DetectReport, Install } from '../../../../shared/schemas/detect.js';
import type { Target } from '../../../../shared/schemas/recommend.js';
import type { LauncherChange, PlanPackage, TorchUpgradeInput, TorchUpgradePlan } from '../../../../shared/schemas/torch-upgrade.js';
import type { Refusal, SpaceCheck } from '../../../../shared/schemas/tx.js';
import { formatBytes } from '../../../../shared/format/bytes.js';
import { torchMirror, torchMirrorUrl } from '../../../../shared/sources/mirrors.js';
import { pypiIndexUrl, torchIndexBase, type PipSource } from '../../commands/pip.js';
import { detect } from '../../detect/detect.js';
import { resolveContext } from '../../detect/detect-context.js';
import { findInstallPython } from '../../detect/installs.js';
import { readEnvLayout } from '../../detect/site-packages.js';
import { cacheKey, cachedFile } from '../../download/cache.js';
import { defaultDownloadCacheDir, headSize } from '../../download/index.js';
import type { Lang } from '../../i18n/translate.js';
import { torchaudioFor } from '../../knowledge/torch.js';
import { comparePep440 } from '../../knowledge/versions.js';
import { currentPlatform } from '../../platform.js';
import { LAUNCHER_FILES } from '../../tx/journal-binding.js';
import { launcherTorchCommand, upgradePins } from './commands.js';
import { processesUsing } from './in-use.js';
import { installedDists, isFamily, normalName, scriptsDirFor, unitsOf, type InstalledDist } from './installed.js';
import { reinstallFlags, rewriteLauncher, wantsXformers } from './launcher.js';
import { pipVersion, resolveWithPip, type Resolved } from './resolve.js';
import { chooseTarget, chooseXformers, upgradeRefusal as refusal } from './target.js';
import type { Msg } from '../../../../shared/i18n/message.js';
import { type Text, textIn } from '../../i18n/engine-text.js';
import { addTexts } from '../plan-text.js';
import { um } from './text.js';

/** What apply needs beyond the plan shown to the user. */
export interface TorchUpgradeInternals {
  python: string;
  envRoot: string;
  sitePackages: string;
  scriptsDir: string;
  items: Resolved[];
  removals: string[];
  units: { site: string[]; scripts: string[] };
  launchers: { file: string; text: string }[];
  nvidia: boolean;
  cacheDir: string;
  target: Target;
  xformers: string | null;
  xformersRemoved: boolean;
}

/** A plan, and (when it is ready) what apply needs. */
export interface TorchUpgradePlanned {
  plan: TorchUpgradePlan;
  internals: TorchUpgradeInternals | null;
}

/** A torch upgrade needs at least this much more than the wheels on the install's volume (unpacked ≈ 2× the wheel). */
const UNPACK_FACTOR = 2.2;

/**
 * `plan torch-upgrade`: the target (recommended or asked for), every distribution pip would install or replace (the
 * install's own pip, `--dry-run --report`, with sizes asked of the server), what leaves, disk space, the launcher
 * lines, and every refusal — all before anything is touched.
 */
export async function planTorchUpgrade(args: { input: TorchUpgradeInput; env: NodeJS.ProcessEnv; dataDir: string; report?: DetectReport }): Promise<TorchUpgradePlanned> {
  const { input, env } = args;
  const lang: Lang = input.lang ?? 'en';
  const app = path.resolve(input.app);
  const platform = currentPlatform(env);
  const cacheDir = defaultDownloadCacheDir(args.dataDir);
  const plan = emptyPlan(app, lang, input);
  const refuse = (r: Refusal[]): TorchUpgradePlanned => ({ plan: { ...plan, status: 'refused', refusals: [...plan.refusals, ...r] }, internals: null });

  if (!(await isDirectory(app))) return refuse([refusal(lang, 'no-app', { app })]);
  const { interpreter } = await findInstallPython({ dir: app, ctx: resolveContext({ env }) });
  const envRoot = interpreter?.envRoot ?? null;
  const layout = envRoot === null ? null : await readEnvLayout(envRoot);
  if (interpreter === null || envRoot === null || !layout?.sitePackages) return refuse([refusal(lang, 'no-python', { app })]);
  const python = interpreter.path;
  const sitePackages = layout.sitePackages;
  const scriptsDir = scriptsDirFor(python, envRoot);
  plan.python = python;

  if (input.findLinks !== undefined && !(await isDirectory(input.findLinks))) return refuse([refusal(lang, 'find-links-missing', { dir: input.findLinks })]);
  const report = args.report ?? (await detect({ apps: [app], probe: true, env }));
  const install = report.installs.find((i) => path.resolve(i.path) === app) ?? report.installs[0];
  if (!install) return refuse([refusal(lang, 'no-python', { app })]);
  plan.pythonVersion = install.python?.version ?? install.probe?.pythonVersion ?? layout.pythonVersion ?? null;
  const dists = await installedDists(sitePackages);
  const ver = (n: string): string | null => dists.get(n)?.version ?? null;
  plan.current = { torch: ver('torch'), torchvision: ver('torchvision'), torchaudio: ver('torchaudio'), xformers: ver('xformers') };

  const chosen = chooseTarget({ report, install, env, torch: input.torch ?? null, lang });
  plan.alternatives = chosen.alternatives;
  plan.rejected = chosen.rejected;
  const note = (...texts: Text[]): void => addTexts(plan.notes, plan.noteMsgs ?? [], lang, ...texts);
  note(...chosen.notes);
  if (chosen.target === null) return refuse(chosen.refusals);
  const target = chosen.target;

  const launcherTexts = await readLaunchers(app, install);
  const flagged = launcherTexts.some((l) => wantsXformers(l.text));
  const xf = chooseXformers({ asked: input.xformers ?? null, current: plan.current.xformers, target, lang, launcherWantsXformers: flagged });
  plan.xformers = { action: xf.action, reason: xf.reason === null ? null : textIn(lang, xf.reason), reasonMsg: xf.reason };
  if (xf.refusals.length > 0) return refuse(xf.refusals);
  if (xf.action === 'drop' && flagged) note(um('note.launcher-xformers-flag'));

  const source = sourceFor({ input, env, variant: target.cudaTag, lang });
  if ('refusal' in source) return refuse([source.refusal]);
  plan.source = source.shown;
  const torchaudio = plan.current.torchaudio !== null ? (target.torchaudio ?? withTag(torchaudioFor(target.torch.split('+')[0] ?? ''), target.cudaTag)) : null;
  plan.target = {
    torch: target.torch, torchvision: target.torchvision, torchaudio, xformers: xf.version, variant: target.cudaTag, cuda: target.cuda ?? null,
    indexUrl: source.shown.indexUrl, why: chosen.why, ...(chosen.whyMsg ? { whyMsg: chosen.whyMsg } : {}),
  };
  const pins = upgradePins(target, xf.version, torchaudio);

  const pipV = await pipVersion(python, env);
  if (pipV === null) return refuse([refusal(lang, 'pip-missing', { python })]);
  if (pipOlderThan(pipV, '22.2')) return refuse([refusal(lang, 'pip-too-old', { pip: pipV, python })]);

  const resolution = await resolveWithPip({ python, platform, pins, source: source.pip, env, cacheDir });
  if (!resolution.ok) return refuse([resolutionRefusal(lang, resolution.kind, resolution.message, plan.pythonVersion, source.shown.label)]);
  const torchItem = resolution.items.find((i) => normalName(i.name) === 'torch');
  if (chosen.nvidia && torchItem && !/\+cu\d+/.test(torchItem.version)) {
    return refuse([refusal(lang, 'cpu-only', { torch: torchItem.version, source: source.shown.label })]);
  }

  const removals = xf.action === 'drop' && dists.has('xformers') ? ['xformers'] : [];
  const packages = await describePackages({ items: resolution.items, removals, dists, cacheDir, keepXformers: xf.action === 'keep' ? plan.current.xformers : null });
  plan.packages = packages;
  plan.downloadBytes = packages.filter((p) => !p.cached && (p.action === 'install' || p.action === 'replace')).reduce((n, p) => n + (p.bytes ?? 0), 0);
  const others = packages.filter((p) => !p.family && (p.action === 'replace' || p.action === 'install' || p.action === 'remove'));
  const refusals: Refusal[] = [];
  if (others.length > 0 && input.allowOtherPackages !== true) {
    refusals.push(refusal(lang, 'outside-family', { packages: others.map((p) => `${p.name} ${p.from ?? '–'} → ${p.to ?? '–'}`).join(', ') }));
  }

  // What the snapshot covers: every distribution pip replaces or removes.
  const touched = packages.filter((p) => p.action === 'replace' || p.action === 'remove').map((p) => dists.get(normalName(p.name))).filter((d): d is InstalledDist => d !== undefined);
  const units = { site: new Set<string>(), scripts: new Set<string>() };
  for (const d of touched) {
    const u = await unitsOf(sitePackages, scriptsDir, d);
    u.site.forEach((x) => units.site.add(x));
    u.scripts.forEach((x) => units.scripts.add(x));
    if (u.elsewhere.length > 0) refusals.push(refusal(lang, 'files-outside', { dist: `${d.name} ${d.version}`, files: u.elsewhere.slice(0, 3).join(', ') }));
  }

  // The launcher: TORCH_COMMAND / XFORMERS_PACKAGE pinned to the new versions (A1111 and Forge).
  const torchCommand = launcherTorchCommand({ platform, pins, source: source.pip });
  const launchers: { file: string; text: string }[] = [];
  const changes: LauncherChange[] = [];
  for (const l of launcherTexts) {
    const rewritten = rewriteLauncher(l.file, l.text, { torchCommand, xformersPackage: xf.version === null ? null : `xformers==${xf.version}` });
    if (rewritten !== null) {
      launchers.push({ file: l.file, text: rewritten.text });
      changes.push(...rewritten.changes);
    }
    for (const flag of reinstallFlags(l.text)) note(um('note.reinstall-flag', { flag, file: path.basename(l.file) }));
  }
  plan.launcher = changes;
  if (install.kind === 'comfyui-portable') note(um('note.comfy-update'));

  plan.space = await spaceChecks({ sitePackages, cacheDir, packages, downloadBytes: plan.downloadBytes });
  for (const s of plan.space.filter((x) => x.freeBytes < x.neededBytes)) {
    refusals.push(refusal(lang, 'not-enough-space', { path: s.path, need: formatBytes(s.neededBytes, lang), free: formatBytes(s.freeBytes, lang) }));
  }
  const users = await processesUsing({ python, sitePackages, platform });
  if (users.length > 0) refusals.push(refusal(lang, 'webui-running', { pids: users.map((u) => u.pid).join(', '), app }));

  addTexts(plan.steps, plan.stepMsgs ?? [], lang, ...stepsFor({ packages, removals, launchers: changes.length, downloadBytes: plan.downloadBytes, label: source.shown.labelMsg ?? source.shown.label, lang }));
  plan.refusals = refusals;
  plan.status = refusals.length > 0 ? 'refused' : 'ready';
  if (refusals.length > 0) return { plan, internals: null };
  return {
    plan,
    internals: {
      python, envRoot, sitePackages, scriptsDir, items: resolution.items, removals,
      units: { site: [...units.site].sort(), scripts: [...units.scripts].sort() },
      launchers, nvidia: chosen.nvidia, cacheDir, target, xformers: xf.version, xformersRemoved: removals.length > 0,
    },
  };
}

function emptyPlan(app: string, _lang: Lang, input: TorchUpgradeInput): TorchUpgradePlan {
  return {
    goal: 'torch-upgrade', app, python: null, pythonVersion: null, status: 'ready', refusals: [],
    current: { torch: null, torchvision: null, torchaudio: null, xformers: null }, target: null,
    xformers: { action: 'none', reason: null }, alternatives: [], rejected: [], packages: [], downloadBytes: 0, space: [], launcher: [],
    source: { kind: input.findLinks ? 'local' : input.source?.kind ?? 'official', label: '', indexUrl: null, pipIndexUrl: null, findLinks: input.findLinks ?? null },
    steps: [], notes: [], stepMsgs: [], noteMsgs: [],
  };
}

/** Where pip resolves from, as shown and as pip arguments. */
export function sourceFor(args: { input: TorchUpgradeInput; env: NodeJS.ProcessEnv; variant: string; lang: Lang }):
  { shown: TorchUpgradePlan['source']; pip: PipSource } | { refusal: Refusal } {
  const { input, env, variant, lang } = args;
  const pypi = pypiIndexUrl(env);
  if (input.findLinks !== undefined) {
    const dir = path.resolve(input.findLinks);
    return { shown: { kind: 'local', ...label(lang, um('source.local', { dir })), indexUrl: null, pipIndexUrl: null, findLinks: dir }, pip: { kind: 'local', dirs: [dir] } };
  }
  const s = input.source ?? { kind: 'official' as const };
  if (s.kind === 'mirror') {
    const m = torchMirror(s.name);
    if (m === null) return { refusal: refusal(lang, 'source-unknown', { name: s.name }) };
    const url = torchMirrorUrl(m, variant);
    const shown = { kind: 'mirror' as const, ...label(lang, um('source.mirror', { name: m.label })), indexUrl: m.style === 'index' ? url : null, pipIndexUrl: pypi, findLinks: m.style === 'find-links' ? url : null };
    return { shown, pip: m.style === 'index' ? { kind: 'index', url, extraIndexUrls: [pypi] } : { kind: 'find-links', url, extraIndexUrls: [pypi] } };
  }
  const base = s.kind === 'url' ? s.url.replace(/\/+$/, '') : torchIndexBase(env);
  if (s.kind === 'url' && !/^https?:\/\//i.test(base)) return { refusal: refusal(lang, 'source-unknown', { name: s.url }) };
  const url = `${base}/${variant}`;
  const named = label(lang, s.kind === 'url' ? um('source.url', { url: base }) : um('source.official', { url: base }));
  return { shown: { kind: s.kind, ...named, indexUrl: url, pipIndexUrl: pypi, findLinks: null }, pip: { kind: 'index', url, extraIndexUrls: [pypi] } };
}

/** A source's label in `lang` and its message. */
function label(lang: Lang, m: Msg): { label: string; labelMsg: Msg } {
  return { label: textIn(lang, m), labelMsg: m };
}

/** The source a launcher's TORCH_COMMAND names: the same index, without the local folder of one machine. */
async function describePackages(args: { items: Resolved[]; removals: string[]; dists: Map<string, InstalledDist>; cacheDir: string; keepXformers: string | null }): Promise<PlanPackage[]> {
  const rows = await Promise.all(args.items.map(async (item): Promise<PlanPackage> => {
    const name = normalName(item.name);
    const was = args.dists.get(name)?.version ?? null;
    const cached = item.sha256 !== null && (await cachedFile(args.cacheDir, cacheKey(item.url, { sha256: item.sha256 }))) !== null;
    return {
      name: item.name, action: was === null ? 'install' : 'replace', from: was, to: item.version, url: item.url, sha256: item.sha256,
      bytes: await headSize(item.url).catch(() => null), cached, family: isFamily(name),
    };
  }));
  for (const name of args.removals) {
    rows.push({ name, action: 'remove', from: args.dists.get(name)?.version ?? null, to: null, url: null, sha256: null, bytes: null, cached: false, family: isFamily(name) });
  }
  if (args.keepXformers !== null && !rows.some((r) => normalName(r.name) === 'xformers')) {
    rows.push({ name: 'xformers', action: 'keep', from: args.keepXformers, to: args.keepXformers, url: null, sha256: null, bytes: null, cached: false, family: true });
  }
  const order = (p: PlanPackage): number => ['torch', 'torchvision', 'torchaudio', 'xformers'].indexOf(normalName(p.name)) >>> 0;
  return rows.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name));
}

async function spaceChecks(args: { sitePackages: string; cacheDir: string; packages: PlanPackage[]; downloadBytes: number }): Promise<SpaceCheck[]> {
  const wheels = args.packages.reduce((n, p) => n + (p.action === 'install' || p.action === 'replace' ? p.bytes ?? 0 : 0), 0);
  const site: SpaceCheck = { path: args.sitePackages, freeBytes: await freeBytes(args.sitePackages), neededBytes: Math.round(wheels * UNPACK_FACTOR) };
  await fs.mkdir(args.cacheDir, { recursive: true });
  const cache: SpaceCheck = { path: args.cacheDir, freeBytes: await freeBytes(args.cacheDir), neededBytes: args.downloadBytes };
  // One volume: both needs add up.
  if ((await deviceOf(args.sitePackages)) === (await deviceOf(args.cacheDir))) return [{ ...site, neededBytes: site.neededBytes + cache.neededBytes }];
  return [site, cache];
}

function stepsFor(args: { lang: Lang; packages: PlanPackage[]; removals: string[]; launchers: number; downloadBytes: number; label: Text }): Msg[] {
  const n = args.packages.filter((p) => p.action === 'install' || p.action === 'replace').length;
  const steps = [
    um('step.download', { count: n, size: formatBytes(args.downloadBytes, args.lang), source: args.label }),
    um('step.snapshot'),
  ];
  if (args.removals.length > 0) steps.push(um('step.uninstall', { packages: args.removals.join(', ') }));
  steps.push(um('step.install', { count: n }));
  if (args.launchers > 0) steps.push(um('step.launcher', { count: args.launchers }));
  steps.push(um('step.verify'), um('step.commit'));
  return steps;
}

function resolutionRefusal(lang: Lang, kind: string, message: string, python: string | null, source: string): Refusal {
  if (kind === 'checksum') return refusal(lang, 'checksum-mismatch', { file: safeDecode(message.split(': ')[0]?.split('/').pop() ?? ''), detail: message.slice(message.indexOf(': ') + 2) });
  if (kind === 'no-match' && /from versions: none/i.test(message)) return refusal(lang, 'no-wheel-for-python', { torch: message.match(/satisfies the requirement (\S+)/)?.[1] ?? 'torch', python: python ?? '?' });
  if (kind === 'no-match') return refusal(lang, 'no-matching-wheel', { detail: message, source });
  if (kind === 'conflict') return refusal(lang, 'resolution-conflict', { detail: message });
  if (kind === 'pip-too-old') return refusal(lang, 'pip-too-old', { pip: '?', python: python ?? '?' });
  return refusal(lang, 'resolution-failed', { detail: message, source });
}

async function readLaunchers(app: string, install: Install): Promise<{ file: string; text: string }[]> {
  if (!['a1111', 'forge', 'sdnext'].includes(install.kind)) return [];
  const out: { file: string; text: string }[] = [];
  for (const name of LAUNCHER_FILES) {
    const file = path.join(app, name);
    try {
      const st = await fs.lstat(file);
      if (!st.isFile() || st.size > 1024 * 1024) continue;
      out.push({ file, text: await fs.readFile(file, 'utf8') });
    } catch {
      // not there
    }
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function withTag(version: string | null, tag: string): string | null {
  return version === null ? null : `${version}+${tag}`;
}

/** pip is a Python package: its version is PEP 440 ("24.1b1", "23.0.1"), compared as such; an unreadable one is let through. */
function pipOlderThan(have: string, floor: string): boolean {
  return valid(have) !== null && comparePep440(have, floor) < 0;
}

async function freeBytes(p: string): Promise<number> {
  try {
    const s = await fs.statfs(p);
    return s.bavail * s.bsize;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

async function deviceOf(p: string): Promise<number> {
  try {
    return (await fs.stat(p)).dev;
  } catch {
    return -1;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}


