import type { Msg } from '../../../shared/i18n/message.js';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DllSwapPlan, Job, JobDownload, TxOutcome, VerifyReport } from '../../../shared/schemas/tx.js';
import { em, english, msgOf, type Text } from '../i18n/engine-text.js';
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
  phase(phase: string, note: Text): void;
  /** The job's downloads (all at once), then updates by index. */
  setDownloads(downloads: JobDownload[]): void;
  updateDownload(index: number, patch: Partial<JobDownload>): void;
  setVerify(report: VerifyReport): void;
}

/** Starts a job in the background and returns it at once; `body` runs the plan and the transaction. */
export function startJob(goal: string, body: (report: JobReporter) => Promise<TxOutcome>): Job {
  const job: Job = {
    id: `job-${randomBytes(4).toString('hex')}`, goal, status: 'running', phase: 'planning', txId: null, files: [], app: null, downloads: [], verify: null,
    message: 'planning', messageMsg: em('job.planning'), result: null, log: [], startedAt: new Date().toISOString(), finishedAt: null,
  };
  JOBS.set(job.id, job);
  const log = (line: string): void => {
    job.log.push(`${new Date().toISOString()} ${line}`);
  };
  const say = (text: Text): void => setMessage(job, text);
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
      say(note);
      log(`${phase}: ${job.message}`);
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
      // A timing-only report (dll-swap's before/after, set after the transaction) keeps the checks already reported.
      job.verify = report.checks.length === 0 && job.verify !== null ? { ...report, checks: job.verify.checks } : report;
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
        say(em('job.snapshot', { count: p.files }));
        return;
      }
      if (p.kind === 'state') {
        job.phase = p.state;
        job.txId = p.txId;
        say(p.note);
        log(`${p.state}: ${job.message}`);
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
    say(em('job.failed', { error: error instanceof Error ? error.message : String(error) }));
    job.finishedAt = new Date().toISOString();
    log(job.message);
    notifyFinished(job);
  });
  return structuredClone(job);
}

/** The job's message: its English (the log's language) and the message that renders it in any language. */
function setMessage(job: Job, text: Text): void {
  job.message = english(text);
  job.messageMsg = msgOf(text);
}

function finish(job: Job, outcome: TxOutcome, log: (line: string) => void): void {
  job.result = outcome;
  job.finishedAt = new Date().toISOString();
  if (outcome.kind === 'committed') {
    job.status = 'committed';
    setMessage(job, em('job.committed'));
  } else if (outcome.kind === 'rolled-back') {
    job.status = 'rolled-back';
    setMessage(job, em('job.rolled-back', { reason: outcome.reasonMsg ?? outcome.reason }));
  } else if (outcome.kind === 'rollback-incomplete') {
    job.status = 'failed';
    setMessage(job, em('job.rollback-incomplete', { reason: outcome.reasonMsg ?? outcome.reason }));
  } else {
    job.status = 'refused';
    setMessage(job, em('job.refused', { reasons: refusalList(outcome.refusals) }));
  }
  log(job.message);
  notifyFinished(job);
  const finished = [...JOBS.values()].filter((j) => j.status !== 'running');
  for (const old of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED))) JOBS.delete(old.id);
}

/** The refusals' messages one after the other (as a message, so it renders in the reader's language). */
function refusalList(refusals: readonly { message: string; messageMsg?: Msg }[]): Text {
  if (refusals.length === 0) return '';
  return refusals.map((r): Text => r.messageMsg ?? r.message).reduce((all, next) => em('list.sentences', { first: all, next }));
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
