import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The script a worker process runs (src/cli/pool.ts): the checker's TypeScript bundled into one
 * JavaScript module by esbuild, built afresh when the pool starts (~70 ms) so it is never stale.
 * A worker then starts in ~0.1 s instead of ~1 s through tsx, and runs plain JavaScript (tsx adds
 * a name-keeping call to every function its transform meets in a hot loop).
 *
 * The bundle is written where Node finds the packages it leaves out (node_modules/.cache/…, next
 * to the project's node_modules), named by its content's hash — a run never overwrites a file
 * another run's workers are loading — and written whole before it is renamed into place.
 * Bundles of other hashes older than a day are removed. Anything that goes wrong (esbuild
 * missing, a read-only install) → null, and the pool falls back to running the source through
 * tsx (pool-worker.mjs): slower to start, the same checks.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const ENTRY = join(HERE, 'pool-task.ts');
export const BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'gov-report-checker');
const STALE_MS = 24 * 3600 * 1000;

export async function workerBundle(dir: string = BUNDLE_DIR): Promise<string | null> {
  try {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // packages stay imports, found in the project's node_modules from where the bundle lies
      packages: 'external',
      write: false,
      outfile: 'pool-task.mjs',
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.contents;
    if (!code) return null;
    const name = `pool-task-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
    const path = join(dir, name);
    await mkdir(dir, { recursive: true });
    const ready = await stat(path).then((s) => s.size === code.length, () => false);
    if (!ready) {
      const part = `${path}.${process.pid}.part`;
      await writeFile(part, code);
      await rename(part, path);
    }
    await sweep(dir, name);
    return path;
  } catch {
    return null;
  }
}

/** Other bundles left by earlier versions of the source, once they are a day old. */
async function sweep(dir: string, keep: string): Promise<void> {
  const now = Date.now();
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    if (f === keep || !/^pool-task-[0-9a-f]{16}\.mjs(\.\d+\.part)?$/.test(f)) continue;
    const p = join(dir, f);
    const old = await stat(p).then((s) => now - s.mtimeMs > STALE_MS, () => false);
    if (old) await unlink(p).catch(() => undefined);
  }
}
