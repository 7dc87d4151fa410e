import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ApiResult } from '../../../shared/api/result.js';

/** What a screen shows while one API call loads, after it answered, or when it failed. */
export type CallState<T> = { kind: 'loading' } | { kind: 'ok'; value: T } | { kind: 'error'; error: ApiError };

/** Runs `call` on mount and whenever `deps` change; `reload` runs it again. */
export function useCall<T>(call: () => Promise<ApiResult<T>>, deps: readonly unknown[]): [CallState<T>, () => void] {
  const [state, setState] = useState<CallState<T>>({ kind: 'loading' });
  const run = useCallback(call, deps);
  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    void run().then((r) => setState(r.ok ? { kind: 'ok', value: r.value } : { kind: 'error', error: r.error }));
  }, [run]);
  useEffect(reload, [reload]);
  return [state, reload];
}
