import { dataDir } from './data-dir.js';
import { recoverAll } from './tx/recover.js';

/**
 * Start-up recovery shared by every host (app, web host, CLI): finishes or undoes any transaction a crash left
 * open and returns what it did in plain words. Never throws: a recovery problem becomes a note.
 */
export async function startupRecovery(env: NodeJS.ProcessEnv): Promise<{ recoveryNotes: string[] }> {
  try {
    const notes = await recoverAll({ dataDir: dataDir(env), env });
    return { recoveryNotes: notes.map((n) => n.note) };
  } catch (error) {
    return { recoveryNotes: [`Start-up recovery could not finish: ${error instanceof Error ? error.message : String(error)}. Run "torchlift recover".`] };
  }
}
