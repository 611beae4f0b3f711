/**
 * `npx tsx scripts/bench/content-scripts.ts`: how large the extension's content scripts are.
 *
 * Sizes of the production content scripts (raw and gzip -9): the detector runs on every gov.cn
 *    page; on pages that may hold a report, the checker (marks the page) and after it the sidebar.
 *
 * Figures for reading, never asserted. Run after `npx wxt build`; the build is copied to a temp dir
 * first, so a rebuild during the run cannot mix two builds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../../test/e2e/harness';
import { CHECKER, DETECTOR, SIDEBAR, sizeOf, snapshotBuild, sourcesNewerThan, type Size } from './lib/build';
import { BenchError, kib, ratio, table } from './lib/format';

const AIM_CHECKER_GZIP = 40 * 1024;

function run(tmp: string): void {
  const build = snapshotBuild(tmp);
  console.log(`Build: ${EXTENSION_DIR} of ${build.builtAt.toISOString()} (copied for this run)`);
  if (sourcesNewerThan(build.builtAt)) console.log('  note: some sources are newer than this build: the figures are for the build on disk (npx wxt build to refresh)');
  console.log('');
  // 1. sizes
  const sizes = [sizeOf(build.dir, DETECTOR), sizeOf(build.dir, CHECKER), sizeOf(build.dir, SIDEBAR)];
  const [det, chk, side] = sizes as [Size, Size, Size];
  // the aim is for what a report page loads into the page besides the detector: both injected scripts
  const both = { raw: chk.raw + side.raw, gzip: chk.gzip + side.gzip };
  console.log('1. Content scripts of the production build (.output/chrome-mv3)\n');
  console.log(
    table(
      ['file', 'raw', 'gzip -9', 'gzip', 'aim'],
      [
        [det.file, `${det.raw} B`, `${det.gzip} B`, kib(det.gzip), 'cost on every gov.cn page: as small as it can be'],
        [chk.file, `${chk.raw} B`, `${chk.gzip} B`, kib(chk.gzip), 'report pages, before the marks: small'],
        [side.file, `${side.raw} B`, `${side.gzip} B`, kib(side.gzip), 'report pages, after the marks'],
        [
          'checker + sidebar',
          `${both.raw} B`,
          `${both.gzip} B`,
          kib(both.gzip),
          `≤ 40 KiB gzip (${AIM_CHECKER_GZIP} B): ${both.gzip <= AIM_CHECKER_GZIP ? 'within' : 'over'} by ${Math.abs(AIM_CHECKER_GZIP - both.gzip)} B (${ratio(both.gzip, AIM_CHECKER_GZIP)} of aim)`,
        ],
      ],
    ),
  );
  console.log('');

}

const tmp = mkdtempSync(join(tmpdir(), 'gov-report-bench-'));
try {
  run(tmp);
} catch (err) {
  if (err instanceof BenchError) console.error(`bench content-scripts: ${err.message}`);
  else console.error(err);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
