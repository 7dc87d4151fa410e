import { describe, expect, it, vi } from 'vitest';
import { API_CALLS } from '../../shared/api/calls.js';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, value: 'pong' }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...(args as [])) },
}));

describe('preload', () => {
  it('exposes window.torchlift with one function per API call and nothing else', async () => {
    await import('./index.js');
    const api = exposed.torchlift as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...API_CALLS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await expect(api.detect!({ apps: ['/x'] })).resolves.toEqual({ ok: true, value: 'pong' });
    expect(invoke).toHaveBeenCalledWith('torchlift:detect', { apps: ['/x'] });
    await api.appInfo!();
    expect(invoke).toHaveBeenLastCalledWith('torchlift:appInfo', {});
  });
});
