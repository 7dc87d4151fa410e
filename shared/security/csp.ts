/**
 * The renderer's Content-Security-Policy, the same for the Electron window and the web host: scripts only
 * from the app itself, no eval, no remote content, no framing. `connect-src 'self'` lets the web UI call /api/.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
