// Tiny static HTTP server for browser tests: no dependencies, loopback only, ephemeral port.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

// .html is served WITHOUT a charset on purpose: corpus pages come in several encodings (Shift_JIS,
// ISO-8859-1, …) and declare them with <meta charset>; an HTTP charset would override that.
const TYPES = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * @typedef {object} TestServer
 * @property {(pathRelative: string) => string} url  Absolute URL of a path on this server ('a/b.html' or '/a/b.html').
 * @property {string} origin  e.g. 'http://127.0.0.1:41234'.
 * @property {string[]} requests  Every request's path (with query), in arrival order.
 * @property {(urlPath: string, body: string, opts?: {contentType?: string, csp?: string|null}) => string} page
 *   Registers an in-memory page (served before files under root); returns its URL.
 * @property {() => Promise<void>} close
 */

/**
 * Starts a static server on 127.0.0.1 with an ephemeral port.
 * @param {{ root?: string, csp?: string|null }} [options]
 *   root: directory whose files are served (optional when only in-memory pages are used);
 *   csp: when a string, sent as the Content-Security-Policy header on every response.
 * @returns {Promise<TestServer>}
 */
export async function startServer({ root, csp = null } = {}) {
  const rootAbs = root ? path.resolve(root) : null;
  /** @type {Map<string, {body: Buffer, contentType: string, csp: string|null|undefined}>} */
  const pages = new Map();
  /** @type {string[]} */
  const requests = [];

  const server = http.createServer(async (req, res) => {
    requests.push(req.url ?? '');
    try {
      const result = await resolve(req.url ?? '/');
      const headers = { 'Content-Type': result.contentType, 'Cache-Control': 'no-store' };
      const policy = result.csp === undefined ? csp : result.csp;
      if (typeof policy === 'string') headers['Content-Security-Policy'] = policy;
      res.writeHead(result.status, headers);
      res.end(req.method === 'HEAD' ? undefined : result.body);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    }
  });

  /** Maps a request URL to a response; never reads outside rootAbs. */
  async function resolve(rawUrl) {
    const notFound = { status: 404, body: 'not found', contentType: 'text/plain; charset=utf-8' };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(rawUrl, 'http://x').pathname);
    } catch {
      return { ...notFound, status: 400, body: 'bad request' };
    }
    const mem = pages.get(pathname);
    if (mem) return { status: 200, ...mem };
    if (!rootAbs || pathname.includes('\0')) return notFound;
    let file = path.resolve(rootAbs, '.' + pathname);
    // Path traversal guard: the resolved file must stay inside root.
    if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return { ...notFound, status: 403, body: 'forbidden' };
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await fs.readFile(file);
      const contentType = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return { status: 200, body, contentType };
    } catch {
      return notFound;
    }
  }

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;
  const url = (p) => new URL(String(p).replace(/^\/?/, '/'), origin).href;

  return {
    url,
    origin,
    requests,
    page(urlPath, body, { contentType = 'text/html; charset=utf-8', csp: pageCsp } = {}) {
      const key = String(urlPath).replace(/^\/?/, '/');
      pages.set(key, { body: Buffer.from(body, 'utf8'), contentType, csp: pageCsp });
      return url(key);
    },
    close() {
      return new Promise((ok) => {
        server.close(() => ok());
        // Browsers keep connections alive; drop them so close() resolves promptly.
        server.closeAllConnections?.();
      });
    },
  };
}
