import { contextBridge, ipcRenderer } from 'electron';
import { API_CALLS, ipcChannel } from '../../shared/api/calls.js';

/**
 * The preload: exposes `window.torchlift`, one named function per API call, each a single ipcRenderer.invoke on
 * that call's channel. No logic, no raw ipcRenderer, no Node objects cross the bridge.
 */
export const api = Object.freeze(
  Object.fromEntries(API_CALLS.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input ?? {})])),
);

contextBridge.exposeInMainWorld('torchlift', api);
