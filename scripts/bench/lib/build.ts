/**
 * The extension build the browser benches measure (copied to a temp dir first, so a rebuild during
 * a run cannot mix two builds), its content scripts' sizes, and the floor extensions compared with it.
 */
import { EXTENSION_DIR, REPO_ROOT } from '../../../test/e2e/harness';
import { SETUP_LABELS } from './chromium';
import { BenchError, newestMtime } from './format';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';


export const DETECTOR = 'detector.js';
/** the first script injected on a report page: marks it (entrypoints/checker.ts) */
export const CHECKER = 'checker.js';
/** injected after the marks: the sidebar (entrypoints/sidebar.content.tsx) */
export const SIDEBAR = 'content-scripts/sidebar.js';

/** The floors' content scripts: Chrome skips an empty file; the no-op one runs (one DOM read). */
export const FLOOR_SCRIPTS = { empty: '', noop: 'void document.title;\n' } as const;

/** Clear errors for a missing or partial build (in `dir`, the copy this run uses). */
export function checkBuild(dir: string): void {
  const manifestPath = join(dir, 'manifest.json');
  const missing = [manifestPath, join(dir, DETECTOR), join(dir, CHECKER), join(dir, SIDEBAR)].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new BenchError(`No production build: missing ${missing.map((p) => relative(dir, p)).join(', ')} in ${EXTENSION_DIR}.\nRun npx wxt build first.`);
  }
  let manifest: { content_scripts?: { js?: string[] }[]; background?: { service_worker?: string } };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (err) {
    throw new BenchError(`${EXTENSION_DIR}/manifest.json is not JSON (${String(err)}).\nRun npx wxt build first.`);
  }
  const listed = (manifest.content_scripts ?? []).some((c) => (c.js ?? []).includes(DETECTOR));
  const sw = manifest.background?.service_worker;
  if (!listed || !sw || !existsSync(join(dir, sw))) {
    throw new BenchError(`${EXTENSION_DIR}/manifest.json does not list ${DETECTOR} and an existing background service worker (a dev build?).\nRun npx wxt build first.`);
  }
}

/**
 * Copies the build into this run's temp dir, so a rebuild by someone else during the run cannot
 * change what is measured half way; retried when the build changed while being copied.
 */
export function snapshotBuild(tmp: string): { dir: string; builtAt: Date } {
  const manifestPath = join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) throw new BenchError(`No production build at ${EXTENSION_DIR}.\nRun npx wxt build first.`);
  for (let attempt = 1; ; attempt++) {
    const before = newestMtime(EXTENSION_DIR);
    const dir = join(tmp, `build-${attempt}`);
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    if (newestMtime(EXTENSION_DIR) === before) {
      checkBuild(dir);
      return { dir, builtAt: new Date(before) };
    }
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 5) throw new BenchError(`${EXTENSION_DIR} kept changing while being copied (a build running?): try again`);
    execFileSync('sleep', ['1']);
  }
}

export function sourcesNewerThan(t: Date): boolean {
  const sources = Math.max(...['entrypoints', 'src', 'public', 'wxt.config.ts', 'package.json'].map((p) => newestMtime(join(REPO_ROOT, p))));
  return sources > t.getTime();
}

export interface Size {
  file: string;
  raw: number;
  gzip: number;
}

export function sizeOf(dir: string, file: string): Size {
  const body = readFileSync(join(dir, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/** A floor: an MV3 extension whose only content script (`body`) runs on every gov.cn page. */
export function writeFloorExtension(dir: string, key: keyof typeof FLOOR_SCRIPTS): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: `bench: ${SETUP_LABELS[key]}`,
    version: '1.0.0',
    content_scripts: [{ matches: ['*://*.gov.cn/*'], js: [`${key}.js`], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, `${key}.js`), FLOOR_SCRIPTS[key]);
}

