import type { TorchliftApi } from '../../shared/api/contract.js';
import { createHttpApi } from './http-client.js';
import { takeToken } from './token.js';

let api: TorchliftApi | null = null;

/** The API the screens call: the Electron preload's when present, else HTTP to the web host (made once). */
export function getApi(): TorchliftApi {
  api ??= window.torchlift ?? createHttpApi({ token: takeToken(window) });
  return api;
}
