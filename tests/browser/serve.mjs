// A small static server for a trunk dist directory, with SPA fallback.
//
//   import { startServer } from './serve.mjs';
//   const srv = await startServer({ root: 'dist-test', prefix: '/', port: 0 });
//   srv.url  // 'http://127.0.0.1:PORT/' (prefix included)
//   await srv.close();
//
//   node tests/browser/serve.mjs <dir> [--port N] [--prefix /sub/] [--host 127.0.0.1] [--static]
//
// Rules:
// - Only GET and HEAD (others: 405). Only paths under `prefix` (others: 404); `/sub` redirects to `/sub/`.
// - A path that names a file under root serves it; a directory serves its index.html.
// - A missing path whose last segment has no extension serves root/index.html (SPA routing).
// - A missing path with an extension is a 404 (so a wrong asset URL fails loudly), except
//   /favicon.ico (also outside the prefix) which gets an empty 204, so the browser logs no
//   console error for it.
// - No traversal: the decoded, normalised path must stay inside root (symlinks resolved).
// - Cache-Control: no-store, so a reload always sees the current build.
// - Access-Control-Allow-Origin: *, as public static hosts send it: a panel in a sandboxed iframe
//   (an opaque origin) loads its module and .wasm as cross-origin requests.
// - `spa: false` (`--static`) serves as a plain static host does (GitHub Pages, say): no SPA
//   fallback; a missing path gets root/404.html with status 404, or a plain 404 without one.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** '/sub' -> '/sub/', '' -> '/', 'sub/' -> '/sub/' */
export function normalizePrefix(prefix = '/') {
  let p = String(prefix);
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p;
}

async function statOrNull(file) {
  try {
    return await fsp.stat(file);
  } catch {
    return null;
  }
}

/**
 * Map a URL pathname (already stripped of the prefix, starting with '/') to a file.
 * Returns { status, file? } where status is 200 (file), 204 (favicon), 400, 403 or 404.
 */
export async function resolveRequest(realRoot, relPath, { spa = true } = {}) {
  let decoded;
  try {
    decoded = decodeURIComponent(relPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const normalized = path.posix.normalize('/' + decoded);
  // normalize('/' + x) cannot climb above '/', but check the joined path anyway.
  const candidate = path.resolve(realRoot, '.' + normalized);
  if (candidate !== realRoot && !candidate.startsWith(realRoot + path.sep)) return { status: 403 };

  let file = candidate;
  let st = await statOrNull(file);
  if (st?.isDirectory()) {
    file = path.join(file, 'index.html');
    st = await statOrNull(file);
  }
  if (st?.isFile()) {
    // A symlink inside root must not lead outside it.
    const real = await fsp.realpath(file);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return { status: 403 };
    return { status: 200, file: real, size: st.size };
  }

  const lastSegment = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (!spa) {
    const page = path.join(realRoot, '404.html');
    const pst = await statOrNull(page);
    if (pst?.isFile()) return { status: 404, file: page, size: pst.size };
    return { status: 404 };
  }
  if (path.posix.extname(lastSegment) === '') {
    const index = path.join(realRoot, 'index.html');
    const ist = await statOrNull(index);
    if (ist?.isFile()) return { status: 200, file: index, size: ist.size, fallback: true };
    return { status: 404 };
  }
  if (normalized === '/favicon.ico') return { status: 204 };
  return { status: 404 };
}

/**
 * Start serving `root` under `prefix` on host:port (port 0 = any free port).
 * Resolves to { server, host, port, prefix, origin, url, close() }.
 * `log` (optional) is called with one line per request.
 */
export async function startServer({ root, prefix = '/', host = '127.0.0.1', port = 0, log, spa = true } = {}) {
  if (!root) throw new Error('startServer: root is required');
  const realRoot = await fsp.realpath(path.resolve(root));
  const pfx = normalizePrefix(prefix);

  const send = (res, status, body = '', headers = {}) => {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      ...headers,
    });
    res.end(body);
  };

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    res.on('finish', () => log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = new URL(req.url, 'http://localhost').pathname;
      } catch {
        return send(res, 400, 'bad request\n');
      }
      if (pfx !== '/' && pathname === pfx.slice(0, -1)) {
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        return send(res, 308, '', { Location: pfx + query });
      }
      if (!pathname.startsWith(pfx)) {
        // Browsers ask for /favicon.ico at the origin root whatever the prefix.
        if (pathname === '/favicon.ico') return send(res, 204);
        return send(res, 404, 'not found (outside ' + pfx + ')\n');
      }

      const r = await resolveRequest(realRoot, pathname.slice(pfx.length - 1), { spa });
      if (r.status === 204) return send(res, 204);
      if (r.status !== 200 && !r.file) {
        return send(res, r.status, { 400: 'bad request\n', 403: 'forbidden\n', 404: 'not found\n' }[r.status]);
      }
      res.writeHead(r.status, {
        'Content-Type': mimeType(r.file),
        'Content-Length': r.size,
        'Cache-Control': 'no-store',
        'Access-Control-Allow-Origin': '*',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(r.file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
      log?.(`error serving ${req.url}: ${err?.stack ?? err}`);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const origin = `http://${host}:${actualPort}`;
  return {
    server,
    host,
    port: actualPort,
    prefix: pfx,
    origin,
    url: origin + pfx,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

// CLI
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opts = { root: undefined, prefix: '/', host: '127.0.0.1', port: 8080 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--port') opts.port = Number(args[++i]);
    else if (a === '--prefix') opts.prefix = args[++i];
    else if (a === '--host') opts.host = args[++i];
    else if (a === '--static') opts.spa = false;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node serve.mjs <dir> [--port N] [--prefix /sub/] [--host 127.0.0.1] [--static]');
      process.exit(0);
    } else if (!opts.root) opts.root = a;
    else {
      console.error(`serve.mjs: unexpected argument ${a}`);
      process.exit(2);
    }
  }
  if (!opts.root) {
    console.error('usage: node serve.mjs <dir> [--port N] [--prefix /sub/] [--host 127.0.0.1] [--static]');
    process.exit(2);
  }
  const srv = await startServer({ ...opts, log: (line) => console.log(line) });
  console.log(`serving ${path.resolve(opts.root)} at ${srv.url}`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
