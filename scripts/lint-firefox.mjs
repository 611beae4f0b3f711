#!/usr/bin/env node
// Lints the Firefox build with web-ext (Mozilla's addons-linter, the checks addons.mozilla.org
// runs on upload). It builds nothing: run `npx wxt build -b firefox --mv3` (or `npm run zip`)
// first. Prints a one-line summary, then every error and warning (notices too, if any), and exits
// non-zero when there is any error or the linter could not run. Warnings are allowed.
//   node scripts/lint-firefox.mjs [extension dir, default .output/firefox-mv3]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(root, process.argv[2] ?? '.output/firefox-mv3');
const shown = relative(process.cwd(), dir) || '.';

if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`web-ext lint: no manifest.json in ${shown} — build it first: npx wxt build -b firefox --mv3`);
  process.exit(2);
}

// The package's own bin, run by this Node: no npx, no shell, no network.
const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve('web-ext')), 'bin', 'web-ext.js');
const r = spawnSync(
  process.execPath,
  [bin, 'lint', `--source-dir=${dir}`, '--output=json', '--no-config-discovery', '--no-input'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } },
);

/** @typedef {{ code: string, message: string, description?: string | string[], file?: string, line?: number, column?: number }} Message */
/** @type {{ count: number, summary: { errors: number, warnings: number, notices: number }, errors: Message[], warnings: Message[], notices: Message[] } | undefined} */
let report;
try {
  // web-ext prints the linter's JSON on stdout; anything else (a crash) goes to stderr.
  const text = r.stdout ?? '';
  report = JSON.parse(text.slice(text.indexOf('{')));
} catch {
  report = undefined;
}
if (!report || typeof report.summary !== 'object') {
  console.error(`web-ext lint did not produce a report (exit ${r.status ?? r.signal}).`);
  if (r.error) console.error(String(r.error));
  if (r.stderr) console.error(r.stderr.trim());
  if (r.stdout) console.error(r.stdout.trim().slice(0, 2000));
  process.exit(2);
}

const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint ${shown}: ${errors} error(s), ${warnings} warning(s), ${notices} notice(s)`);

/** @param {string} kind @param {Message} m */
function show(kind, m) {
  const where = m.file ? ` ${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '';
  console.log(`  ${kind} ${m.code}${where}: ${m.message}`);
}
for (const m of report.errors ?? []) show('error  ', m);
for (const m of report.warnings ?? []) show('warning', m);
for (const m of report.notices ?? []) show('notice ', m);

process.exit(errors > 0 ? 1 : 0);
