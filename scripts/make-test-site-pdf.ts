// The one PDF of the issue-19 test site (test/site/site.ts): 环翠区's 2022 report, published only
// as a PDF attachment. Printed by headless Chromium from the page the site would have served for
// that year (the same generated figures), the way scripts/make-pdf-fixtures.ts prints its
// fixtures with the system CJK font (fonts-noto-cjk). Rerun after changing the site's figures:
//
//     npx tsx scripts/make-test-site-pdf.ts
//
// and commit test/site/huancui-2022.pdf. The site test reads it back and checks its figures follow
// on from 2021 and into 2023, so a stale PDF fails there.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { reportHtml, siteReports, SITE_PDF } from '../test/site/site';

const ORIGIN = 'http://site-pdf.invalid';

const report = siteReports().find((r) => r.kind === 'pdf');
if (!report) throw new Error('the site has no PDF report');
const html = reportHtml(report);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.route('**/*', (route) =>
    new URL(route.request().url()).origin === ORIGIN ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort(),
  );
  await page.goto(`${ORIGIN}/report.html`, { waitUntil: 'load' });
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: '<div style="width:100%;text-align:center;font-size:10px">-<span class="pageNumber"></span>-</div>',
    margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
  });
  writeFileSync(SITE_PDF, pdf);
  console.log(`${SITE_PDF}  ${(pdf.length / 1024).toFixed(1)} KB`);
} finally {
  await browser.close();
}
