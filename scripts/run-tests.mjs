#!/usr/bin/env node
// `npm test`: type-check, unit/golden/property tests (vitest), then the browser tests when they
// exist, then the Firefox package (built, then linted by web-ext), and one closing line
// "N passed, N failed" summed over all of them (CI reads that line).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let passed = 0;
let failed = 0;
const tmp = mkdtempSync(join(tmpdir(), 'gov-report-tests-'));

function step(name, cmd, args) {
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

function vitest(name, config, outFile) {
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${outFile}`];
  if (config) args.push('--config', config);
  const code = step(name, 'npx', args);
  if (!existsSync(outFile)) {
    failed += 1; // the runner itself broke: count it, never pass silently
    return;
  }
  const json = JSON.parse(readFileSync(outFile, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0);
  if (code !== 0 && (json.numFailedTests ?? 0) === 0 && (json.numRuntimeErrorTestSuites ?? 0) === 0) failed += 1;
  if ((json.numTotalTests ?? 0) === 0) failed += 1; // a suite that ran nothing proves nothing
}

// 1. types: the whole project compiles under strict mode
if (step('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', '.']) === 0) passed += 1;
else failed += 1;

// 2. unit, golden and property tests
vitest('unit, golden and property tests (vitest)', null, join(tmp, 'unit.json'));

// 3. the Firefox package: it builds, and Mozilla's linter finds no error in it (warnings allowed)
if (step('build the Firefox package (wxt build -b firefox --mv3)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3']) === 0) {
  passed += 1;
  const lint = fileURLToPath(new URL('./lint-firefox.mjs', import.meta.url));
  if (step('web-ext lint (.output/firefox-mv3)', process.execPath, [lint]) === 0) passed += 1;
  else failed += 1;
} else {
  failed += 2; // the build, and the lint it makes impossible: never lint a stale or half-written build
  process.stdout.write('\n▶ web-ext lint (.output/firefox-mv3)\nnot run: the Firefox build failed\n');
}

// 4. browser tests with the production builds: Chromium (playwright-core), and Firefox ESR
// (puppeteer-core over WebDriver BiDi) for the Firefox package
const e2eDir = new URL('../test/e2e/', import.meta.url);
if (existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.test.ts'))) {
  if (step('build the extension (wxt build)', 'npx', ['wxt', 'build']) === 0) passed += 1;
  else failed += 1;
  vitest('browser tests (headless Chromium and Firefox, extension loaded)', 'vitest.e2e.config.ts', join(tmp, 'e2e.json'));
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
