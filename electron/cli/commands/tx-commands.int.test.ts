import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createScenario, type Scenario } from '../../../e2e/scenarios/index.js';
import { snapshot } from '../../engine/tx/testing/tx-fixture.js';
import { main } from '../main.js';

// The CLI in-process, on the simulated RTX 4070 A1111 machine: plan, apply, history, rollback, recover and their exit codes.
let s: Scenario | null = null;
afterEach(async () => {
  await s?.cleanup();
  s = null;
});

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, env });
  return { code, out, err };
}

test('plan, apply --yes, history, rollback --last and recover through the CLI', async () => {
  s = await createScenario('rtx4070-a1111');
  const env = { ...process.env, ...s.env };
  const app = s.apps[0]!;
  const lib = path.join(s.sitePackages, 'torch', 'lib');
  const cudnn = Object.values(s.cudnnArchives).find((d) => d.includes('_cuda11-'))!;
  const before = await snapshot(lib);

  const refused = await cli(['plan', 'dll-swap', '--app', app, '--cuda-dir', env.CUDA_PATH!, '--json'], env);
  expect(refused.code).toBe(2);
  expect(JSON.parse(refused.out)).toMatchObject({ status: 'refused', refusals: [{ code: 'cuda-major-mismatch' }, { code: 'cuda-major-mismatch' }] });

  const noYes = await cli(['apply', 'dll-swap', '--app', app, '--cudnn-dir', cudnn], env);
  expect(noYes.code).toBe(2);
  expect(noYes.err).toContain('--yes');

  const applied = await cli(['apply', 'dll-swap', '--app', app, '--cudnn-dir', cudnn, '--yes', '--json'], env);
  expect(applied.code, applied.err).toBe(0);
  expect(JSON.parse(applied.out)).toMatchObject({ status: 'committed', message: 'committed' });
  expect(await snapshot(lib)).not.toEqual(before);

  const history = await cli(['history', '--json'], env);
  expect(history.code).toBe(0);
  const entries = (JSON.parse(history.out) as { entries: { status: string; rollbackAvailable: boolean; backupBytes: number }[] }).entries;
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ status: 'committed', rollbackAvailable: true });
  expect(entries[0]?.backupBytes).toBeGreaterThan(0);

  const rolled = await cli(['rollback', '--last'], env);
  expect(rolled.code, rolled.err).toBe(0);
  expect(await snapshot(lib)).toEqual(before);
  expect((await cli(['rollback', '--last'], env)).code).toBe(2);

  const recovered = await cli(['recover', '--json'], env);
  expect(recovered.code).toBe(0);
  expect(JSON.parse(recovered.out)).toEqual({ notes: [] });
});

test('plan dll-swap --lang ja prints the refusal in Japanese; LANG=zh_CN.UTF-8 in Chinese; --json keeps the codes', async () => {
  s = await createScenario('rtx4070-a1111');
  const env: NodeJS.ProcessEnv = { ...process.env, ...s.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
  const app = s.apps[0]!;
  const args = ['plan', 'dll-swap', '--app', app, '--cuda-dir', env.CUDA_PATH!];

  const ja = await cli([...args, '--lang', 'ja'], env);
  expect(ja.code).toBe(2);
  expect(ja.out).toContain('TorchLift はメジャーバージョンをまたぐ置き換え');
  expect(ja.out).toContain('中止しました（何も変更していません）:');
  expect(ja.out).toMatch(/対処方法: CUDA 11\.x の Toolkit を使うか、CUDA 12 向けの torch ビルドにアップグレードしてください/);
  expect(ja.out).toContain(app);
  expect(ja.out).not.toContain('never replaces');

  const zh = await cli(args, { ...env, LANG: 'zh_CN.UTF-8' });
  expect(zh.code).toBe(2);
  expect(zh.out).toContain('TorchLift 绝不跨主版本替换');
  expect(zh.out).toContain('已拒绝（未做任何改动）：');

  const json = JSON.parse((await cli([...args, '--lang', 'ja', '--json'], env)).out) as { refusals: { code: string; message: string }[] };
  expect(json.refusals.map((r) => r.code)).toEqual(['cuda-major-mismatch', 'cuda-major-mismatch']);
  expect(json.refusals[0]?.message).toMatch(/この torch ビルドは/);

  const en = await cli(args, env);
  expect(en.out).toContain('TorchLift never replaces across major versions');
  expect(en.out).toContain('Refused (nothing was changed):');
});
