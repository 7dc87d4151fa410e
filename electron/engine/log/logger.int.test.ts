import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { txDir } from '../tx/journal-store.js';
import { startJob } from '../tx/jobs.js';
import { recentLogLines, listLogFiles } from './log-files.js';
import { initLogging, logger, logsDir } from './logger.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-log-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the log file', () => {
  it('is written in <dataDir>/logs with the host tag, and rotates past 1 MB keeping older files', () => {
    const dataDir = path.join(root, 'rotate');
    expect(initLogging(dataDir, 'web')).toBe(true);
    logger.info('first line');
    const file = path.join(logsDir(dataDir), 'torchlift.log');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/\[info\]\s+\[web\] first line\n$/);
    const chunk = 'x'.repeat(1000);
    for (let i = 0; i < 2300; i++) logger.info(`${i} ${chunk}`);
    const names = fs.readdirSync(logsDir(dataDir)).sort();
    expect(names).toEqual(['torchlift.1.log', 'torchlift.2.log', 'torchlift.log']);
    for (const n of names) expect(fs.statSync(path.join(logsDir(dataDir), n)).size).toBeLessThanOrEqual(1024 * 1024 + 2000);
    expect(fs.readFileSync(path.join(logsDir(dataDir), 'torchlift.2.log'), 'utf8')).toContain('first line');
  });

  it('reads the newest lines across rotated files, oldest first', async () => {
    const dataDir = path.join(root, 'rotate');
    const lines = await recentLogLines(dataDir, 5);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/2299 x+$/);
    expect(lines[0]).toMatch(/2295 x+$/);
    expect((await listLogFiles(dataDir)).map((f) => f.name)).toContain('torchlift.1.log');
    expect(await recentLogLines(path.join(root, 'nothing-here'), 5)).toEqual([]);
  });

  it('logs internal errors that dispatch turns into { ok: false }', async () => {
    const dataDir = path.join(root, 'internal');
    const handlers = createHandlers({ host: 'cli', env: { TORCHLIFT_DATA_DIR: dataDir } });
    handlers.history = async () => {
      throw new Error('boom from a test');
    };
    const r = await dispatch(handlers, 'history', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    const text = fs.readFileSync(path.join(logsDir(dataDir), 'torchlift.log'), 'utf8');
    expect(text).toMatch(/\[error\]\s+\[cli\] internal error in history: .*boom from a test/);
  });

  it('keeps a finished job\'s full log beside its transaction', async () => {
    const dataDir = path.join(root, 'jobs');
    createHandlers({ host: 'web', env: { TORCHLIFT_DATA_DIR: dataDir } });
    const txId = 'tx-test-job-log';
    fs.mkdirSync(txDir(dataDir, txId), { recursive: true });
    const job = startJob('dll-swap', async (report) => {
      report.log('step one');
      report.log('verify: cudnn 90100 == 90100');
      return { kind: 'committed', txId };
    });
    const jobLog = path.join(txDir(dataDir, txId), 'job.log');
    await expect.poll(() => fs.existsSync(jobLog)).toBe(true);
    const text = fs.readFileSync(jobLog, 'utf8');
    expect(text).toContain('step one');
    expect(text).toContain('verify: cudnn 90100 == 90100');
    expect(text).toMatch(/committed\n$/);
    expect(fs.readFileSync(path.join(logsDir(dataDir), 'torchlift.log'), 'utf8')).toContain(`job ${job.id} (dll-swap) committed — transaction ${txId}`);
  });
});
