import fs from 'node:fs';
import path from 'node:path';
import type { Job } from '../../../shared/schemas/tx.js';
import { txDir } from '../tx/journal-store.js';
import { onJobFinished } from '../tx/jobs.js';
import { logger } from './logger.js';

const dataDirs = new Set<string>();
let listening = false;

/** The name of a job's full log inside its transaction folder. */
export const JOB_LOG = 'job.log';

/**
 * Persists every finished job's full log beside its transaction (`<dataDir>/transactions/<txId>/job.log`) for
 * each data folder registered here, and notes the job's end in the main log.
 */
export function persistJobLogs(dataDir: string): void {
  dataDirs.add(dataDir);
  if (listening) return;
  listening = true;
  onJobFinished((job) => writeJobLog(job));
}

function writeJobLog(job: Job): void {
  const txId = job.txId ?? (job.result && 'txId' in job.result ? job.result.txId : null);
  logger.info(`job ${job.id} (${job.goal}) ${job.status}${txId ? ` — transaction ${txId}` : ''}: ${job.message}`);
  if (!txId) return;
  for (const dir of dataDirs) {
    const folder = txDir(dir, txId);
    if (!fs.existsSync(folder)) continue;
    try {
      fs.writeFileSync(path.join(folder, JOB_LOG), `${job.log.join('\n')}\n`);
    } catch (error) {
      logger.error(`could not write ${JOB_LOG} for transaction ${txId}:`, error);
    }
  }
}
