import { describe, expect, it } from 'vitest';
import { API_CALLS } from '../../shared/api/calls.js';
import type { TorchliftApi } from '../../shared/api/contract.js';
import type { HistoryEntry } from '../../shared/schemas/tx.js';
import { createHistoryStore, prunableBytes } from './tx-history-store.js';

function fakeTxApi(impl: Partial<Record<keyof TorchliftApi, (input: never) => Promise<unknown>>>): TorchliftApi {
  const fail = async (): Promise<unknown> => ({ ok: false, error: { code: 'not-faked', message: 'not faked' } });
  return Object.fromEntries(API_CALLS.map((n) => [n, impl[n] ?? fail])) as unknown as TorchliftApi;
}

const entry = (id: string, status: HistoryEntry['status'], backupBytes: number): HistoryEntry => ({
  id, goal: 'dll-swap', intent: 'DLL swap', app: '/sd', createdAt: 'c', updatedAt: 'u', time: 'c', state: status, journalState: status === 'open' ? 'applying' : 'committed', status,
  reason: null, recoveryNote: null, files: [], backupBytes, rollbackAvailable: status === 'committed',
});

describe('history store', () => {
  it('loads the list with the start-up recovery notes', async () => {
    const api = fakeTxApi({
      history: async () => ({ ok: true, value: { entries: [entry('a', 'committed', 10)], backupBytes: 10 } }),
      appInfo: async () => ({ ok: true, value: { version: '0', host: 'web', platform: 'windows', dataDir: '/d', lang: 'en', recoveryNotes: ['rolled back tx-9'] } }),
    });
    const store = createHistoryStore({ api: () => api });
    await store.getState().load();
    expect(store.getState().phase.kind).toBe('ready');
    expect(store.getState().recoveryNotes).toEqual(['rolled back tx-9']);
  });

  it('rolls one transaction back, reloads, and tells what happened (or why it was refused)', async () => {
    let rolled = false;
    const api = fakeTxApi({
      history: async () => ({ ok: true, value: { entries: [entry('a', rolled ? 'rolled-back' : 'committed', 10)], backupBytes: 10 } }),
      rollback: async (input: { id: string }) => {
        if (input.id !== 'a') return { ok: true, value: { kind: 'refused', refusals: [{ code: 'x', message: 'no', fix: 'f' }] } };
        rolled = true;
        return { ok: true, value: { kind: 'rolled-back', txId: 'a', files: 3 } };
      },
    });
    const store = createHistoryStore({ api: () => api });
    await store.getState().rollback('a');
    expect(store.getState().notice).toEqual({ kind: 'rolled-back', id: 'a', files: 3 });
    const phase = store.getState().phase;
    expect(phase.kind === 'ready' && phase.entries[0]?.status).toBe('rolled-back');
    expect(store.getState().running).toBeNull();
    await store.getState().rollback('b');
    expect(store.getState().notice?.kind).toBe('refused');
  });

  it('prunes and reports the bytes freed; an API failure becomes an error notice', async () => {
    const api = fakeTxApi({
      history: async () => ({ ok: true, value: { entries: [], backupBytes: 0 } }),
      pruneHistory: async () => ({ ok: true, value: { pruned: ['a', 'b'], freedBytes: 2048 } }),
    });
    const store = createHistoryStore({ api: () => api });
    await store.getState().prune();
    expect(store.getState().notice).toEqual({ kind: 'pruned', count: 2, freedBytes: 2048 });
    const broken = createHistoryStore({ api: () => fakeTxApi({}) });
    await broken.getState().prune();
    expect(broken.getState().notice?.kind).toBe('error');
    expect(broken.getState().phase.kind).toBe('error');
  });

  it('counts only finished transactions as prunable', () => {
    expect(prunableBytes([entry('a', 'committed', 10), entry('b', 'open', 99), entry('c', 'rolled-back', 5)])).toBe(15);
  });

  it('tells onChanged after a rollback put files back (Scan refreshes), not after a refused one', async () => {
    let changed = 0;
    const api = fakeTxApi({
      history: async () => ({ ok: true, value: { entries: [entry('a', 'committed', 10)], backupBytes: 10 } }),
      rollback: async (input: { id: string }) => (input.id === 'a'
        ? { ok: true, value: { kind: 'rolled-back', txId: 'a', files: 3 } }
        : { ok: true, value: { kind: 'refused', refusals: [{ code: 'changed-since', message: 'no', fix: 'f' }] } }),
    });
    const store = createHistoryStore({ api: () => api, onChanged: () => changed++ });
    await store.getState().rollback('b');
    expect(changed).toBe(0);
    await store.getState().rollback('a');
    expect(changed).toBe(1);
  });
});
