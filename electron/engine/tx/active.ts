/** Transactions this process is running right now (recovery must not touch them, whatever the pid says). */
const ACTIVE = new Set<string>();

/** Marks a transaction as running in this process until `done` settles. */
export async function whileActive<T>(txId: string, done: () => Promise<T>): Promise<T> {
  ACTIVE.add(txId);
  try {
    return await done();
  } finally {
    ACTIVE.delete(txId);
  }
}

/** True while this process runs the transaction. */
export function isActiveHere(txId: string): boolean {
  return ACTIVE.has(txId);
}
