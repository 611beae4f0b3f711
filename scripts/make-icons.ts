// Draws the extension's icons (public/icon/16.png, 32.png, 48.png, 128.png): a table with a blue
// header row and a green check mark, on a white tile. Each size is an inline SVG rendered by
// headless Chromium at exactly that many pixels, with a transparent background outside the tile.
//   npx tsx scripts/make-icons.ts
// The table is drawn on a 16-unit grid for 16, 32 and 48 px (every line falls on whole pixels, so
// it stays sharp); at 16 px the check mark is pixel blocks, at 32 and 48 px a smooth stroke. 128 px
// has its own finer drawing on a 32-unit grid.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BLUE = '#0b57d0';
const GREEN = '#188038';
const WHITE = '#ffffff';
const FRAME = '#c4c7c5'; // a faint edge so the white tile reads on a white toolbar

/** The table on a 16-unit grid: 12 × 12 with a 3-unit header, one column and one row rule. */
const TABLE_16 = `
  <rect x="0.5" y="0.5" width="15" height="15" rx="2.5" fill="${WHITE}" stroke="${FRAME}" stroke-width="1"/>
  <g fill="${BLUE}" shape-rendering="crispEdges">
    <rect x="2" y="2" width="12" height="3"/>
    <rect x="2" y="5" width="1" height="9"/>
    <rect x="13" y="5" width="1" height="9"/>
    <rect x="2" y="13" width="12" height="1"/>
    <rect x="7" y="5" width="1" height="8"/>
    <rect x="3" y="9" width="10" height="1"/>
  </g>`;

/** 32 and 48 px: the check mark as a smooth stroke (2 or 3 px a unit). */
const SMALL = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">${TABLE_16}
  <path d="M6.3 10.6 L9 13.2 L14.6 6.6" fill="none" stroke="${WHITE}" stroke-width="4.2" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M6.3 10.6 L9 13.2 L14.6 6.6" fill="none" stroke="${GREEN}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/**
 * 16 px: the check mark as pixel blocks (2 × 2, stepping one pixel down-right then up-right) with a
 * one-pixel white halo kept inside the tile's frame: a crisp staircase, not a blur of half-tones.
 */
const CHECK_16: readonly [number, number][] = [
  [5, 10], [6, 11], [7, 12], [8, 11], [9, 10], [10, 9], [11, 8], [12, 7], [13, 6],
];
const TINY = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">${TABLE_16}
  <clipPath id="inside"><rect x="1" y="1" width="14" height="14"/></clipPath>
  <g fill="${WHITE}" shape-rendering="crispEdges" clip-path="url(#inside)">${CHECK_16.map(([x, y]) => `<rect x="${x - 1}" y="${y - 1}" width="4" height="4"/>`).join('')}</g>
  <g fill="${GREEN}" shape-rendering="crispEdges">${CHECK_16.map(([x, y]) => `<rect x="${x}" y="${y}" width="2" height="2"/>`).join('')}</g>
</svg>`;

/** 32-unit grid (4 px a unit at 128): a finer table, three columns and three body rows. */
const LARGE = `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect x="0.5" y="0.5" width="31" height="31" rx="5" fill="${WHITE}" stroke="${FRAME}" stroke-width="0.5"/>
  <g fill="${BLUE}" shape-rendering="crispEdges">
    <rect x="4" y="4" width="24" height="6"/>
    <rect x="4" y="10" width="1" height="18"/>
    <rect x="27" y="10" width="1" height="18"/>
    <rect x="4" y="27" width="24" height="1"/>
    <rect x="12" y="10" width="1" height="17"/>
    <rect x="20" y="10" width="1" height="17"/>
    <rect x="5" y="15.5" width="22" height="1"/>
    <rect x="5" y="21" width="22" height="1"/>
  </g>
  <path d="M13 20.5 L18 25.5 L29 12.5" fill="none" stroke="${WHITE}" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M13 20.5 L18 25.5 L29 12.5" fill="none" stroke="${GREEN}" stroke-width="3.6" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const SIZES: readonly { size: number; svg: string }[] = [
  { size: 16, svg: TINY },
  { size: 32, svg: SMALL },
  { size: 48, svg: SMALL },
  { size: 128, svg: LARGE },
];

const outDir = fileURLToPath(new URL('../public/icon/', import.meta.url));
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const { size, svg } of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(
      `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}svg{display:block}</style></head><body>${sized}</body></html>`,
    );
    const path = `${outDir}${size}.png`;
    await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`wrote public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
