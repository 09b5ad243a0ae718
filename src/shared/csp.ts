/**
 * The renderer's Content Security Policy, the same in both hosts: scripts and styles only
 * from the app itself, no inline script, nothing fetched from elsewhere (media in content is
 * never loaded automatically), no framing, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
