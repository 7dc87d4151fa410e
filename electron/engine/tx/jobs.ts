import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DllSwapPlan, Job, JobDownload, TxOutcome, VerifyReport } from '../../../shared/schemas/tx.js';
import type { TxProgress } from './transaction.js';

/** Running and finished apply jobs of this process, polled by getJob (IPC and HTTP alike). */
const JOBS = new Map<string, Job>();
const MAX_FINISHED = 50;
/** Called with a snapshot of each job when it ends (persists its log beside its transaction: engine/log/job-log.ts). */
const finishedListeners: Array<(job: Job) => void> = [];
export const onJobFinished = (listener: (job: Job) => void): void => void finishedListeners.push(listener);
const notifyFinished = (job: Job): void => finishedListeners.forEach((listener) => listener(structuredClone(job)));

/** What a job's body gets to report with. */
export interface JobReporter {
  onPlan(plan: DllSwapPlan): void;
  onProgress(p: TxProgress): void;
  log(line: string): void;
  /** The install the job works on (a reloaded window finds its job by it). */
  setApp(app: string): void;
  /** A phase outside the transaction (planning, downloading) with a note. */
  phase(phase: string, note: string): void;
  /** The job's downloads (all at once), then updates by index. */
  setDownloads(downloads: JobDownload[]): void;
  updateDownload(index: number, patch: Partial<JobDownload>): void;
  setVerify(report: VerifyReport): void;
}

/** Starts a job in the background and returns it at once; `body` runs the plan and the transaction. */
export function startJob(goal: string, body: (report: JobReporter) => Promise<TxOutcome>): Job {
  const job: Job = {
    id: `job-${randomBytes(4).toString('hex')}`, goal, status: 'running', phase: 'planning', txId: null, files: [], app: null, downloads: [], verify: null,
    message: 'planning', result: null, log: [], startedAt: new Date().toISOString(), finishedAt: null,
  };
  JOBS.set(job.id, job);
  const log = (line: string): void => {
    job.log.push(`${new Date().toISOString()} ${line}`);
  };
  const reporter: JobReporter = {
    log,
    onPlan(plan) {
      job.files = plan.files.map((f) => ({ target: f.target, bytes: f.newBytes, doneBytes: 0, state: 'pending' }));
      log(`plan: ${plan.status}, ${plan.files.length} file(s)`);
    },
    setApp(app) {
      job.app = app;
    },
    phase(phase, note) {
      job.phase = phase;
      job.message = note;
      log(`${phase}: ${note}`);
    },
    setDownloads(downloads) {
      job.downloads = downloads.map((d) => ({ ...d }));
    },
    updateDownload(index, patch) {
      const d = job.downloads[index];
      if (!d) return;
      const was = d.state;
      Object.assign(d, patch);
      if (patch.state !== undefined && patch.state !== was && patch.state !== 'downloading') log(`download ${patch.state}: ${d.name}`);
    },
    setVerify(report) {
      job.verify = report;
    },
    onProgress(p) {
      if (p.kind === 'program') {
        log(p.line);
        return;
      }
      if (p.kind === 'verify') {
        // Checks without timing (dll-swap, CUDA goals); torch-upgrade sets its whole report with setVerify.
        job.verify = { checks: p.checks, beforeMs: null, afterMs: null, speedup: 'could not be measured', change: { kind: 'not-measured', ratio: null } };
        return;
      }
      if (p.kind === 'snapshot') {
        job.message = `snapshot: ${p.files} files`;
        return;
      }
      if (p.kind === 'state') {
        job.phase = p.state;
        job.txId = p.txId;
        job.message = p.note;
        log(`${p.state}: ${p.note}`);
        return;
      }
      const file = job.files[p.index];
      if (!file) return;
      file.state = p.state;
      file.doneBytes = p.state === 'staging' ? p.doneBytes : file.bytes;
      if (p.state !== 'staging') log(`${p.state}: ${path.basename(file.target)}`);
    },
  };
  void body(reporter).then((outcome) => finish(job, outcome, log), (error: unknown) => {
    job.status = 'failed';
    job.message = `failed: ${error instanceof Error ? error.message : String(error)}`;
    job.finishedAt = new Date().toISOString();
    log(job.message);
    notifyFinished(job);
  });
  return structuredClone(job);
}

function finish(job: Job, outcome: TxOutcome, log: (line: string) => void): void {
  job.result = outcome;
  job.finishedAt = new Date().toISOString();
  if (outcome.kind === 'committed') {
    job.status = 'committed';
    job.message = 'committed';
  } else if (outcome.kind === 'rolled-back') {
    job.status = 'rolled-back';
    job.message = `rolled back: ${outcome.reason}`;
  } else if (outcome.kind === 'rollback-incomplete') {
    job.status = 'failed';
    job.message = `failed and not yet rolled back: ${outcome.reason}`;
  } else {
    job.status = 'refused';
    job.message = `refused: ${outcome.refusals.map((r) => r.message).join(' ')}`;
  }
  log(job.message);
  notifyFinished(job);
  const finished = [...JOBS.values()].filter((j) => j.status !== 'running');
  for (const old of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED))) JOBS.delete(old.id);
}

/** A snapshot of one job, or null for an unknown id. */
export function getJob(id: string): Job | null {
  const job = JOBS.get(id);
  return job ? structuredClone(job) : null;
}

/** Snapshots of every job this process knows, running ones first, newest first within each group. */
export function listJobs(): Job[] {
  const all = [...JOBS.values()].map((j) => structuredClone(j));
  return all.sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running') || b.startedAt.localeCompare(a.startedAt));
}
