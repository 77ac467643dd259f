/**
 * Who may call the mock server, decided from a request's headers before anything runs. The mock
 * listens on this machine, but any web page the developer opens can send requests to it; these
 * rules keep such a page from driving it:
 *  - Host must be a loopback name (localhost, *.localhost), an IP literal, or a name given in
 *    `allowedHosts`: a DNS-rebinding page reaches the server under its own domain name, never these.
 *  - A request with an Origin (or a Sec-Fetch-Site of another site) is served only when that origin
 *    is allowed: the server's own, and with CORS on, the loopback origins (a Vite dev server on
 *    localhost:5173) or those in `corsOrigins`. Everything else is 403, simple requests included,
 *    because a cross-site `text/plain` POST needs no preflight and would otherwise run.
 *  - The control API (/__mock/*): never wildcard CORS; a POST must send
 *    `content-type: application/json` (a form or text/plain POST cannot); and when a token is set,
 *    `authorization: Bearer <token>`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

export interface GuardOptions {
  /** Send CORS headers to allowed cross-origin callers (default true). Off: same-origin only. */
  cors?: boolean;
  /**
   * Origins allowed to call cross-origin, besides loopback ones (`http://localhost:5173`). `'*'`
   * allows any origin on the middleware routes (never on /__mock/*).
   */
  corsOrigins?: readonly string[];
  /** Host names accepted besides loopback names and IP literals (a LAN name, say). */
  allowedHosts?: readonly string[];
  /** When set, /__mock/* requires `authorization: Bearer <token>`. */
  controlToken?: string;
}

export interface Refusal {
  status: number;
  error: string;
}

export interface Admission {
  /** The CORS headers to send (the origin echoed, never `*` on control routes), or none. */
  cors?: Record<string, string>;
}

const CORS_COMMON: Record<string, string> = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, accept',
  'access-control-max-age': '600',
};

/** The admission of a request that needs nothing added: one object, never changed. */
const ADMITTED: Admission = Object.freeze({});
/** Host header values remembered as allowed or not (a client sends the same one every time). */
const HOST_MEMO_SIZE = 64;

export class RequestGuard {
  private readonly hostVerdicts = new Map<string, boolean>();
  private readonly cors: boolean;
  private readonly origins: Set<string>;
  private readonly anyOrigin: boolean;
  private readonly hosts: Set<string>;
  private readonly token: Buffer | undefined;

  constructor(options: GuardOptions = {}) {
    this.cors = options.cors ?? true;
    const origins = options.corsOrigins ?? [];
    this.anyOrigin = origins.includes('*');
    this.origins = new Set(origins.filter((o) => o !== '*').map((o) => o.replace(/\/+$/, '').toLowerCase()));
    this.hosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
    this.token = options.controlToken ? Buffer.from(options.controlToken) : undefined;
  }

  /** Refusal for a request, or what to add to its answer. */
  check(method: string, path: string, headers: IncomingHttpHeaders): Refusal | Admission {
    const control = path === '/__mock' || path.startsWith('/__mock/') || path.startsWith('/__mock?');
    const host = headers.host;
    if (host !== undefined && !this.hostAllowed(host)) {
      return {
        status: 403,
        error: `Host '${host.slice(0, 100)}' is not allowed: the mock answers loopback names (localhost, 127.0.0.1, [::1]) and IP addresses; add the name with --allowed-host`,
      };
    }
    const origin = headers.origin;
    const site = headers['sec-fetch-site'];
    let cors: Record<string, string> | undefined;
    if (origin !== undefined && !this.sameOrigin(origin, host)) {
      if (!this.originAllowed(origin, control)) {
        return { status: 403, error: `Origin '${origin.slice(0, 100)}' may not call the mock${this.cors ? ': allow it with --cors-origin' : ' (CORS is off)'}` };
      }
      cors = { 'access-control-allow-origin': origin, vary: 'origin', ...CORS_COMMON };
    } else if (origin === undefined && (site === 'cross-site' || site === 'same-site') && control) {
      // A cross-site GET carries no Origin but does carry Sec-Fetch-Site.
      return { status: 403, error: 'cross-site requests may not call the control API' };
    }
    // POST is the one method a page may send cross-site without a preflight (with a form or
    // text/plain body); DELETE always needs a preflight, which the origin check already refuses.
    if (control && method === 'POST') {
      const type = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') {
        return { status: 415, error: `control requests must be sent as content-type: application/json (got ${type === '' ? 'none' : `'${type.slice(0, 60)}'`})` };
      }
    }
    if (control && this.token !== undefined && method !== 'OPTIONS' && !this.tokenMatches(headers.authorization)) {
      return { status: 401, error: 'the control API needs authorization: Bearer <token> (the server was started with a control token)' };
    }
    return cors ? { cors } : ADMITTED;
  }

  private hostAllowed(host: string): boolean {
    let allowed = this.hostVerdicts.get(host);
    if (allowed === undefined) {
      allowed = this.hostRule(host);
      if (this.hostVerdicts.size >= HOST_MEMO_SIZE) this.hostVerdicts.clear();
      this.hostVerdicts.set(host, allowed);
    }
    return allowed;
  }

  private hostRule(host: string): boolean {
    const name = hostName(host);
    if (name === undefined) return false;
    return name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0 || this.hosts.has(name);
  }

  private sameOrigin(origin: string, host: string | undefined): boolean {
    if (host === undefined) return false;
    try {
      return new URL(origin).host.toLowerCase() === host.toLowerCase();
    } catch {
      return false;
    }
  }

  private originAllowed(origin: string, control: boolean): boolean {
    if (!this.cors) return false;
    const normal = origin.toLowerCase();
    if (this.origins.has(normal)) return true;
    if (this.anyOrigin && !control) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // 'null' (sandboxed frames, file://) and anything unparseable
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const name = url.hostname.toLowerCase();
    return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name.replace(/^\[|\]$/g, ''));
  }

  private tokenMatches(header: string | undefined): boolean {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m || this.token === undefined) return false;
    const given = Buffer.from(m[1]);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }
}

/** The host name of a Host header value (`[::1]:8080` → `::1`), lower-cased; undefined when malformed. */
function hostName(host: string): string | undefined {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const close = h.indexOf(']');
    return close < 0 ? undefined : h.slice(1, close);
  }
  const colon = h.indexOf(':');
  const name = colon < 0 ? h : h.slice(0, colon);
  return /^[a-z0-9.-]+$/.test(name) ? name : undefined;
}

function isLoopbackAddress(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1';
}

export function isRefusal(x: Refusal | Admission): x is Refusal {
  return 'status' in x;
}
