import { API_CALLS, type ApiCallName } from '../../../shared/api/calls.js';
import { apiContract, type ApiHandlers, type ApiOutput } from '../../../shared/api/contract.js';
import type { ApiResult } from '../../../shared/api/result.js';
import { logger } from '../log/logger.js';
import { HandlerError } from './handler-error.js';

/** Calls that change something or start work: each is noted in the log (polling calls are not). */
const LOGGED_CALLS: ReadonlySet<ApiCallName> = new Set(['startApply', 'rollback', 'pruneHistory', 'recover', 'setSettings', 'pruneCache', 'buildReport']);

/** True when `name` is one of the contract's calls (transports receive names as untrusted strings). */
export function isApiCallName(name: unknown): name is ApiCallName {
  return typeof name === 'string' && (API_CALLS as readonly string[]).includes(name);
}

/**
 * Runs one call for any transport: validates the untrusted input against the contract, runs the handler,
 * and turns expected failures into data. Unexpected errors are reported as `internal` with their message.
 */
export async function dispatch<N extends ApiCallName>(
  handlers: ApiHandlers,
  name: N,
  rawInput: unknown,
): Promise<ApiResult<ApiOutput<N>>> {
  const parsed = apiContract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    return { ok: false, error: { code: 'bad-input', message: `Invalid input for ${name}${where}: ${issue?.message ?? 'unknown problem'}` } };
  }
  if (LOGGED_CALLS.has(name)) logger.info(`${name}`, JSON.stringify(parsed.data).slice(0, 2000));
  try {
    const handler = handlers[name] as (input: unknown) => Promise<ApiOutput<N>>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof HandlerError) {
      if (LOGGED_CALLS.has(name)) logger.warn(`${name} refused: ${error.code}: ${error.message}`);
      return { ok: false, error: error.toApiError() };
    }
    logger.error(`internal error in ${name}:`, error);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `Internal error in ${name}: ${message}` } };
  }
}
