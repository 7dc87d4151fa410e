import { timingSafeEqual } from 'node:crypto';

/** The web host's own address, as browsers will name it in Host and Origin. */
export interface HostIdentity {
  port: number;
  /** Host names the server answers to, e.g. ["127.0.0.1", "localhost"]. */
  names: string[];
  token: string;
}

/** What the guard decided for one request, before any routing. */
export type GuardVerdict = { allow: true } | { allow: false; status: 401 | 403; reason: string };

/**
 * Checks one request: a foreign Host or Origin is refused (403) whatever the path, which stops DNS rebinding
 * and cross-site requests; anything under /api/ also needs the token (query `token=` or `Authorization: Bearer`).
 */
export function guardRequest(
  id: HostIdentity,
  req: { url: string; host: string | undefined; origin: string | undefined; authorization: string | undefined },
): GuardVerdict {
  const own = id.names.map((n) => `${n}:${id.port}`);
  if (!req.host || !own.includes(req.host.toLowerCase())) return { allow: false, status: 403, reason: 'foreign Host header' };
  if (req.origin !== undefined && !own.map((h) => `http://${h}`).includes(req.origin.toLowerCase())) {
    return { allow: false, status: 403, reason: 'foreign Origin header' };
  }
  const url = new URL(req.url, 'http://placeholder');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '')?.[1];
    const given = bearer ?? url.searchParams.get('token') ?? '';
    if (!sameSecret(given, id.token)) return { allow: false, status: 401, reason: 'missing or wrong token' };
  }
  return { allow: true };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True for addresses that only this machine can reach; the web host refuses to bind anything else. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
