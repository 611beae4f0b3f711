import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The script a worker process runs (src/cli/pool.ts): the checker's TypeScript bundled into one
 * JavaScript module by esbuild, built afresh when the pool starts (~70 ms) so it is never stale.
 * A worker then starts in ~0.1 s instead of ~1 s through tsx, and runs plain JavaScript (tsx adds
 * a name-keeping call to every function its transform meets in a hot loop).
 *
 * The bundle is written where Node finds the packages it leaves out (node_modules/.cache/…, next
 * to the project's node_modules), each file named by its content's hash — a run never overwrites a
 * file another run's workers are loading — and written whole before it is renamed into place.
 * Files of other hashes older than a day are removed. Anything that goes wrong (esbuild
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
      // what the checker loads only when it needs it (exceljs for a workbook, mammoth, pdf.js,
      // linkedom for a listing) stays out of the worker's start: split into chunks loaded then
      splitting: true,
      outdir: dir,
      entryNames: 'pool-task-[hash]',
      chunkNames: 'pool-chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      write: false,
      logLevel: 'silent',
    });
    const entry = out.outputFiles.find((f) => basename(f.path).startsWith('pool-task-'));
    if (!entry) return null;
    await mkdir(dir, { recursive: true });
    // every name carries its content's hash (the entry's covers its chunks): a file already there
    // is this one; the entry last, so a worker never meets a chunk that is not written yet
    for (const f of [...out.outputFiles.filter((f) => f !== entry), entry]) {
      const there = await stat(f.path).then((s) => s.size === f.contents.length, () => false);
      if (there) continue;
      const part = `${f.path}.${process.pid}.part`;
      await writeFile(part, f.contents);
      await rename(part, f.path);
    }
    await sweep(dir, new Set(out.outputFiles.map((f) => basename(f.path))));
    return entry.path;
  } catch {
    return null;
  }
}

/** Files left by earlier versions of the source, once they are a day old. */
async function sweep(dir: string, keep: ReadonlySet<string>): Promise<void> {
  const now = Date.now();
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    if (keep.has(f) || !/^pool-(task|chunk)-[0-9A-Z]+\.mjs(\.\d+\.part)?$/.test(f)) continue;
    const p = join(dir, f);
    const old = await stat(p).then((s) => now - s.mtimeMs > STALE_MS, () => false);
    if (old) await unlink(p).catch(() => undefined);
  }
}
