import { API_CALLS, type ApiCallName } from '../calls.js';
import type { TorchliftApi } from '../contract.js';

/**
 * A complete TorchliftApi for tests: every call answers "unavailable" unless overridden. Built from the one list of
 * call names, so a fake can never silently miss a call the real API has (the type check fails instead).
 */
export function fakeApi(overrides: Partial<TorchliftApi> = {}): TorchliftApi {
  const unavailable = async () => ({ ok: false as const, error: { code: 'unavailable', message: 'not part of this test' } });
  const api = Object.fromEntries(API_CALLS.map((name: ApiCallName) => [name, overrides[name] ?? unavailable]));
  return api as TorchliftApi;
}
