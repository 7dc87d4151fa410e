import { dataDir } from './data-dir.js';
import { em, type Text } from './i18n/engine-text.js';
import { recoverAll } from './tx/recover.js';

/**
 * Start-up recovery shared by every host (app, web host, CLI): finishes or undoes any transaction a crash left
 * open and returns what it did, one message per journal (each host renders them in its language). Never throws: a
 * recovery problem becomes a note.
 */
export async function startupRecovery(env: NodeJS.ProcessEnv): Promise<{ recoveryNotes: Text[] }> {
  try {
    const notes = await recoverAll({ dataDir: dataDir(env), env });
    return { recoveryNotes: notes.map((n) => n.noteMsg ?? n.note) };
  } catch (error) {
    return { recoveryNotes: [em('recovery.startup-failed', { error: error instanceof Error ? error.message : String(error) })] };
  }
}
