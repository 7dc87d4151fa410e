import { API_CALLS, httpPath, type ApiCallName } from '../../shared/api/calls.js';
import type { TorchliftApi } from '../../shared/api/contract.js';
import type { ApiError, ApiResult } from '../../shared/api/result.js';

/** The web host's transport: one POST /api/<name> per call, JSON in, an ApiResult envelope out. */
export function createHttpApi(opts: { token: string | null; fetchFn?: typeof fetch }): TorchliftApi {
  const fetchFn = opts.fetchFn ?? ((input, init) => fetch(input, init));
  const call = async (name: ApiCallName, input: unknown): Promise<ApiResult<unknown>> => {
    let response: Response;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      response = await fetchFn(httpPath(name), { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch (error) {
      return { ok: false, error: { code: 'network', message: `Could not reach TorchLift: ${errorText(error)}` } };
    }
    if (response.status === 401 || response.status === 403) return { ok: false, error: accessError(response.status) };
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      return { ok: false, error: { code: 'network', message: `Bad answer from TorchLift (HTTP ${response.status}): ${errorText(error)}` } };
    }
    return isApiResult(body) ? body : { ok: false, error: { code: 'network', message: `Unexpected answer from TorchLift (HTTP ${response.status}).` } };
  };
  return Object.fromEntries(API_CALLS.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as TorchliftApi;
}

function accessError(status: 401 | 403): ApiError {
  return status === 401
    ? { code: 'unauthorized', message: 'The access token is missing or wrong.', fix: 'Open the address printed by `torchlift serve` again.' }
    : { code: 'forbidden', message: 'TorchLift refused a request from this page.', fix: 'Open the address printed by `torchlift serve` directly.' };
}

/** True for a well-formed envelope (the only shape a call may hand to the UI). */
export function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (b.ok === true) return 'value' in b;
  return b.ok === false && typeof b.error?.code === 'string' && typeof b.error.message === 'string';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
