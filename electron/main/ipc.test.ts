import { describe, expect, it, vi } from 'vitest';
import { API_CALLS, ipcChannel } from '../../shared/api/calls.js';
import type { ApiHandlers } from '../../shared/api/contract.js';
import { registerApiHandlers } from './ipc.js';
import { TrustedSenders } from './trusted-senders.js';

function setup() {
  const registered = new Map<string, (event: never, input: unknown) => Promise<unknown>>();
  const ipcMain = { handle: (channel: string, l: (event: never, input: unknown) => Promise<unknown>) => void registered.set(channel, l) };
  const doctor = vi.fn(async (input: { text: string }) => ({ extracted: { echo: input.text }, findings: [] }));
  const handlers = new Proxy({ doctor } as unknown as ApiHandlers, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? vi.fn(async () => ({})),
  });
  const trusted = new TrustedSenders('file:///app/');
  trusted.add(7);
  const log = vi.fn();
  registerApiHandlers(ipcMain, handlers, trusted, log);
  return { registered, doctor, log };
}

describe('IPC wiring', () => {
  it('registers exactly one channel per API call', () => {
    const { registered } = setup();
    expect([...registered.keys()].sort()).toEqual(API_CALLS.map(ipcChannel).sort());
  });

  it('drops calls from untrusted senders without reaching the engine', async () => {
    const { registered, doctor, log } = setup();
    const result = await registered.get('torchlift:doctor')!({ sender: { id: 99 }, senderFrame: { url: 'file:///app/index.html' } } as never, { text: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(doctor).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('validates input before the handler runs, and dispatches trusted calls', async () => {
    const { registered, doctor } = setup();
    const event = { sender: { id: 7 }, senderFrame: { url: 'file:///app/index.html' } } as never;
    expect(await registered.get('torchlift:doctor')!(event, { text: 42 })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(doctor).not.toHaveBeenCalled();
    expect(await registered.get('torchlift:doctor')!(event, { text: 'log' })).toEqual({ ok: true, value: { extracted: { echo: 'log' }, findings: [] } });
  });
});
