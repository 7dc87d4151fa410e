import type { ApiCallName } from '../../shared/api/calls.js';
import type { ApiInput, ApiOutput } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/result.js';
import { dispatch } from '../engine/api/dispatch.js';
import { createHandlers } from '../engine/api/handlers.js';
import type { CliContext } from './command.js';

/** Calls the one API in-process, as the Electron and web hosts do over their transports. */
export async function callApi<N extends ApiCallName>(
  ctx: CliContext,
  name: N,
  input: ApiInput<N>,
): Promise<{ ok: true; value: ApiOutput<N> } | { ok: false; error: ApiError }> {
  const handlers = createHandlers({ host: 'cli', env: ctx.env });
  return dispatch(handlers, name, input);
}

/** Prints an API error for a human (stderr) or as the JSON document (stdout), and returns the exit code. */
export function reportApiError(ctx: CliContext, error: ApiError): number {
  const badInput = error.code === 'bad-input' || error.code.startsWith('app-') || error.code.startsWith('input-') || error.code === 'data-dir-unusable';
  if (ctx.json) ctx.out(`${JSON.stringify({ error }, null, 2)}\n`);
  ctx.err(`${error.message}${error.fix ? `\n${error.fix}` : ''}\n`);
  return badInput ? 2 : 1;
}
