// Trunk post_build step (scripts/post-build.sh): finishes the staged site in <dir>.
//
// 1. A Content-Security-Policy <meta>, first in <head>: only the site's own origin, WebAssembly
//    compilation ('wasm-unsafe-eval') and the SHA-256 of each inline script as it stands now (the
//    loader; under `trunk serve` also trunk's reload script). No 'unsafe-eval', no inline script
//    without its hash. Styles may be inline (the app sets style attributes); frames may embed the
//    site anywhere (a <meta> policy cannot say frame-ancestors, and course pages embed it).
// 2. 404.html, a copy of index.html: plain static hosts (GitHub Pages, say) serve it for a deep
//    link such as /sub/concepts/grokking, and the app routes from the address it finds. Its
//    <base href> is absolute, so its assets load from any depth.
//
//   node scripts/site-files.mjs <dir>
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/site-files.mjs <staged dist dir>');
  process.exit(2);
}
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.error(`[site-files] ${file} already has a CSP`);
  process.exit(1);
}

/** The source of every <script> without a src attribute, exactly as the browser hashes it. */
export function inlineScripts(text) {
  const out = [];
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/i.test(m[1])) out.push(m[2]);
  }
  return out;
}

const hashes = inlineScripts(html).map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
const charset = /<meta charset="[^"]*"\s*\/?>/i;
if (!charset.test(html)) {
  console.error(`[site-files] ${file} has no <meta charset>: nowhere to put the CSP before the scripts`);
  process.exit(1);
}
html = html.replace(charset, (m) => `${m}\n    ${meta}`);
fs.writeFileSync(file, html);
fs.writeFileSync(path.join(dir, '404.html'), html);
console.log(`[site-files] CSP with ${hashes.length} inline-script hash(es); 404.html written`);
