import { API_CALLS, ipcChannel } from '../../shared/api/calls.js';
import type { ApiHandlers } from '../../shared/api/contract.js';
import { dispatch } from '../engine/api/dispatch.js';
import type { SenderEvent, TrustedSenders } from './trusted-senders.js';

/** The part of Electron's ipcMain we use (injected so the wiring can be tested with a mock). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, input: unknown) => Promise<unknown>): void;
}

/**
 * Registers one IPC handler per API call. Every handler checks the sender first and validates the input
 * against the contract (in dispatch) before the engine sees it.
 */
export function registerApiHandlers(ipcMain: IpcMainLike, handlers: ApiHandlers, trusted: TrustedSenders, log: (s: string) => void = console.warn): void {
  for (const name of API_CALLS) {
    ipcMain.handle(ipcChannel(name), async (event, input) => {
      if (!trusted.isTrusted(event)) {
        log(`TorchLift: dropped IPC "${name}" from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
        return { ok: false, error: { code: 'untrusted-sender', message: 'This request did not come from the TorchLift window.' } };
      }
      return dispatch(handlers, name, input);
    });
  }
}
