import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../electron/engine/archive/testing/write-archives.js';
import { applyCudnnOverlay } from '../../electron/engine/goals/cudnn-overlay/apply.js';
import { planCudnnOverlay } from '../../electron/engine/goals/cudnn-overlay/plan.js';
import { rollbackTransaction } from '../../electron/engine/tx/rollback-tx.js';
import { cudnnVersionHeader } from '../scenarios/index.js';
import { createNvidiaLab, treeDigest, type NvidiaLab } from './machine.js';

describe('cudnn-overlay on scenario (a): toolkit v12.1 with cuDNN 8.9.7', () => {
  let lab: NvidiaLab;
  let toolkit: string;
  beforeAll(async () => {
    lab = await createNvidiaLab();
    toolkit = path.join(lab.scenario.root, 'Program Files', 'NVIDIA GPU Computing Toolkit', 'CUDA', 'v12.1');
  }, 120_000);
  afterAll(async () => {
    await lab.close();
  });

  it('--version 9.1: downloads the cuda12 archive (sha256 from the cuDNN manifest), overlays it with backups, verifies, rolls back byte for byte', async () => {
    const before = await treeDigest(toolkit);
    const { plan: planned } = await planCudnnOverlay({ input: { toolkit, version: '9.1.0' }, env: lab.env, dataDir: lab.dataDir });
    expect(planned.status).toBe('ready');
    expect(planned.download?.url).toContain('_cuda12-archive.zip');
    expect(planned.elevation).toBe(true);
    const { plan, outcome } = await applyCudnnOverlay({ toolkit, version: '9.1.0' }, { env: lab.env, dataDir: lab.dataDir });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('committed');
    expect(plan.cudnn).toMatchObject({ from: '8.9.7', to: '9.1.0', builtFor: '12' });
    expect(plan.files.some((f) => f.action === 'replace' && f.target.endsWith('cudnn_version.h'))).toBe(true);
    expect(await fs.readFile(path.join(toolkit, 'include', 'cudnn_version.h'), 'utf8')).toContain('#define CUDNN_MAJOR 9');
    expect((await fs.stat(path.join(toolkit, 'bin', 'cudnn64_9.dll'))).isFile()).toBe(true);
    expect((await fs.stat(path.join(toolkit, 'lib', 'x64', 'cudnn.lib'))).isFile()).toBe(true);
    if (outcome.kind !== 'committed') return;
    expect((await rollbackTransaction({ dataDir: lab.dataDir, id: outcome.txId, env: lab.env })).kind).toBe('rolled-back');
    expect(await treeDigest(toolkit)).toEqual(before);
  });

  it('refuses an archive built for another CUDA major, changing nothing', async () => {
    const rel = lab.tree.files.find((f) => f.endsWith('cudnn-windows-x86_64-9.1.0.70_cuda11-archive.zip'))!;
    const before = await treeDigest(toolkit);
    const { outcome } = await applyCudnnOverlay({ toolkit, archive: path.join(lab.tree.root, ...rel.split('/')) }, { env: lab.env, dataDir: lab.dataDir });
    expect(outcome.kind).toBe('refused');
    if (outcome.kind === 'refused') expect(outcome.refusals[0]?.code).toBe('cudnn-wrong-cuda');
    expect(await treeDigest(toolkit)).toEqual(before);
  });

  it('refuses a hostile archive naming the entry, with nothing written anywhere on the machine', async () => {
    const evil = path.join(lab.scenario.root, 'home', 'Downloads', 'cudnn-windows-x86_64-9.2.0.1_cuda12-archive.zip');
    await writeZip(evil, [
      { name: 'cudnn-windows-x86_64-9.2.0.1_cuda12-archive/bin/cudnn64_9.dll', data: 'FAKE-LIB cudnn 9.2.0 cuda12' },
      { name: 'cudnn-windows-x86_64-9.2.0.1_cuda12-archive/../../../Windows/System32/evil.dll', data: 'evil' },
    ]);
    const before = await treeDigest(lab.scenario.root);
    const { outcome } = await applyCudnnOverlay({ toolkit, archive: evil }, { env: lab.env, dataDir: lab.dataDir });
    expect(outcome.kind).toBe('refused');
    if (outcome.kind === 'refused') {
      expect(outcome.refusals[0]?.code).toBe('archive-refused');
      expect(outcome.refusals[0]?.message).toContain('../../../Windows/System32/evil.dll');
    }
    expect(await treeDigest(lab.scenario.root)).toEqual(before);
  });

  it('recognises the exe installer folder (CUDNN\\v9.x\\bin\\12.x\\x64) and takes only the toolkit\'s CUDA major', async () => {
    const src = path.join(lab.scenario.root, 'Program Files', 'NVIDIA', 'CUDNN', 'v9.3');
    for (const [mm, tag] of [['12.6', 'cuda12'], ['13.0', 'cuda13']] as const) {
      await fs.mkdir(path.join(src, 'bin', mm, 'x64'), { recursive: true });
      await fs.mkdir(path.join(src, 'include', mm, 'x64'), { recursive: true });
      await fs.writeFile(path.join(src, 'bin', mm, 'x64', 'cudnn64_9.dll'), `FAKE-LIB cudnn 9.3.0 ${tag}\n`);
      await fs.writeFile(path.join(src, 'include', mm, 'x64', 'cudnn_version.h'), cudnnVersionHeader('9.3.0'));
    }
    const { plan } = await planCudnnOverlay({ input: { toolkit, archive: src }, env: lab.env, dataDir: lab.dataDir });
    expect(plan.status, JSON.stringify(plan.refusals)).toBe('ready');
    expect(plan.cudnn.to).toBe('9.3.0');
    expect(plan.files.map((f) => path.relative(toolkit, f.target)).sort()).toEqual([path.join('bin', 'cudnn64_9.dll'), path.join('include', 'cudnn_version.h')]);
    expect(plan.files.every((f) => f.entry.includes(`${path.sep}12.6${path.sep}`))).toBe(true);
  });
});
