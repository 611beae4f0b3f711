/**
 * E2E pages made from the HTML fixtures (test/fixtures/html, rendered from specs.ts) at request
 * time, so they follow whenever the fixtures change: each is one fixture plus the one thing its
 * test is about. Served by harness.ts under these paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import iconv from 'iconv-lite';
import { extractHtml } from '../../src/extract/html';
import { recognise } from '../../src/recognise/recognise';
import type { TableId } from '../../src/recognise/templates';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'html');
const fixture = (name: string): string => readFileSync(join(FIXTURES, `${name}.html`), 'utf8');

/** Page CSS of the worst kind: the shadow-root sidebar must survive it. */
const HOSTILE_CSS = `<style type="text/css">
/* hostile template CSS: the extension's shadow-root sidebar must survive it */
html { font-size: 8px !important; }
* { display:block !important; font-size:0 !important; color:transparent !important; box-sizing: content-box !important; line-height: 0 !important; }
div, aside, section { position:static !important; width:10px !important; overflow: hidden !important; }
:host, [class], [id] { all: unset !important }
</style>
`;

function note(html: string, text: string): string {
  return html.replace('<!DOCTYPE html>', `<!DOCTYPE html>\n<!-- e2e page, made by test/e2e/derived-pages.ts: ${text} -->`);
}

/** The <td> behind a template cell of the fixture (by our own extraction: table, row and cell index). */
function cellElement(doc: Document, table: TableId, row: string, col: string): Element {
  const report = recognise(extractHtml(doc));
  const src = report.tables[table].rows.find((r) => r.key === row)?.cells.find((c) => c.col === col)?.src;
  if (!src || src.kind !== 'html') throw new Error(`derived page: no cell ${table}.${row}.${col} in the fixture`);
  // row and cell indices as extraction counts them (table.rows / row.cells; linkedom has neither)
  const el = doc.getElementsByTagName('table')[src.table];
  const rows = el ? [...el.children].flatMap((c) => (c.tagName === 'TR' ? [c] : /^T(BODY|HEAD|FOOT)$/.test(c.tagName) ? [...c.children].filter((r) => r.tagName === 'TR') : [])) : [];
  const td = [...(rows[src.row]?.children ?? [])].filter((c) => c.tagName === 'TD' || c.tagName === 'TH')[src.cell];
  if (!td) throw new Error(`derived page: cell ${table}.${row}.${col} not found in the DOM`);
  return td;
}

/** A page script that puts `html` into #zoom `ms` after load and sets window.__reportInserted (a CMS loading the article by ajax). */
function insertLater(doc: Document, html: string, ms: number): void {
  const script = doc.createElement('script');
  script.setAttribute('type', 'text/javascript');
  script.textContent = `
var __articleHtml = ${JSON.stringify(html).replace(/</g, '\\u003c')};
window.addEventListener("load", function () {
  setTimeout(function () {
    document.getElementById("zoom").innerHTML = __articleHtml;
    window.__reportInserted = true;
  }, ${ms});
});
`;
  doc.body.appendChild(script);
}

function innermost(el: Element): Element {
  let e = el;
  while (e.firstElementChild) e = e.firstElementChild;
  return e;
}

const PAGES: Record<string, () => string> = {
  /** errors.html under hostile page CSS */
  '/hostile-css.html': () => note(fixture('errors').replace('</head>', `${HOSTILE_CSS}</head>`), 'errors.html with hostile page CSS'),

  /**
   * errors.html in a site shell that holds tables a browser keeps out of its tree: a <noscript>
   * fallback table (text when scripts run) and a <template> row template, both before the report
   */
  '/shell-markup.html': () =>
    note(
      fixture('errors').replace(
        /<body([^>]*)>/,
        `<body$1>\n<noscript><table><tr><td>您的浏览器未启用脚本</td><td>1</td></tr></table></noscript>\n<template id="row-tpl"><table><tr><td>{{name}}</td><td>{{count}}</td></tr></table></template>`,
      ),
      'errors.html with a <noscript> table and a <template> table before the report',
    ),

  /**
   * errors.html whose failing （四）1 总计 cell (73) also holds an inline <script>, as some CMS pages
   * put in cells: its text is in the live cell's textContent but not in what extraction reads, so
   * the checker cannot confirm the cell from the page's HTML and reads the live page instead
   */
  '/script-in-cell.html': () => {
    const { document } = parseHTML(fixture('errors'));
    const doc = document as unknown as Document;
    const td = cellElement(doc, 't2', 'unable-1', 'total');
    const script = doc.createElement('script');
    script.textContent = 'window.__cellScript = (window.__cellScript || 0) + 1;';
    innermost(td).parentElement?.appendChild(script);
    return note(`<!DOCTYPE html>\n${doc.documentElement.outerHTML}`, 'errors.html; the （四）1 总计 cell holds an inline <script>');
  },

  /** errors.html whose table 2 row 二 科研机构 holds escaped <img onerror> text, and row 四 法律服务机构 a real <b> */
  '/xss-cell.html': () => {
    const { document } = parseHTML(fixture('errors'));
    const doc = document as unknown as Document;
    const xss = cellElement(doc, 't2', 'carried-over', 'research');
    const bold = cellElement(doc, 't2', 'carried-forward', 'legal');
    innermost(xss).textContent = '<img src=x onerror="window.__pwned=1">';
    const b = innermost(bold);
    b.innerHTML = `<b>${b.textContent ?? ''}</b>`;
    return note(`<!DOCTYPE html>\n${doc.documentElement.outerHTML}`, 'errors.html; table 2 row 二 科研机构 holds <img onerror> as text, row 四 法律服务机构 a <b>');
  },

  /** seed-004.html's article alone (no site shell), as a CMS shows it in a frame of its portal page */
  '/iframe-report.html': () => {
    const { document } = parseHTML(fixture('seed-004'));
    const article = document.querySelector('.article');
    if (!article) throw new Error('derived page: seed-004.html has no .article');
    document.body.innerHTML = article.outerHTML;
    return note(`<!DOCTYPE html>\n${document.documentElement.outerHTML}`, "seed-004.html's article only, embedded by iframe-host.html");
  },

  /** errors.html whose article body a page script inserts 800 ms after load (a CMS loading it by ajax) */
  '/late-insert.html': () => {
    const { document } = parseHTML(fixture('errors'));
    const zoom = document.getElementById('zoom');
    if (!zoom) throw new Error('derived page: errors.html has no #zoom');
    const body = zoom.innerHTML;
    zoom.innerHTML = '';
    // The CMS loads the article body over ajax: at load time #zoom is empty; the report arrives 800 ms later.
    insertLater(document as unknown as Document, body, 800);
    return note(`<!DOCTYPE html>\n${document.documentElement.outerHTML}`, 'errors.html, its article body inserted by a page script 800 ms after load');
  },
};

/** seed-004.html (its figures all add up) with one typo: （一）予以公开 自然人 58 typed as 85 */
PAGES['/one-typo.html'] = () => {
  const { document } = parseHTML(fixture('seed-004'));
  const doc = document as unknown as Document;
  const td = innermost(cellElement(doc, 't2', 'granted', 'natural'));
  if ((td.textContent ?? '').trim() !== '58') throw new Error('derived page: seed-004 （一）予以公开 自然人 is not 58');
  td.textContent = '85';
  return note(`<!DOCTYPE html>\n${doc.documentElement.outerHTML}`, 'seed-004.html with （一）予以公开 自然人 58 typed as 85');
};

/** The generic words some CMSs use where the report's title belongs. */
function genericTitles(html: string): string {
  return html
    .replace(/<meta name="ArticleTitle" content="[^"]*">\n?/, '')
    .replace(/<title>[^<]*<\/title>/, '<title>详细信息_威海市某某区人民政府</title>')
    .replace(/<h1 class="article-title">[^<]*<\/h1>/, '<h1 class="article-title">详细信息</h1>');
}

PAGES['/generic-title.html'] = () =>
  note(genericTitles(fixture('errors')), 'errors.html whose title, ArticleTitle meta and <h1> say nothing of a report: found by its tables');

/**
 * A 政府信息公开年报 column page: its metadata names the column, its body lists the years' reports
 * (links to pages, no files). 2.5 s after load the CMS replaces the list with one report's body
 * (errors.html's), as some column pages show the newest report in place.
 */
PAGES['/column-listing.html'] = () => {
  const { document } = parseHTML(genericTitles(fixture('errors')));
  const head = document.querySelector('head');
  const meta = document.createElement('meta');
  meta.setAttribute('name', 'ColumnName');
  meta.setAttribute('content', '政府信息公开年报');
  head?.appendChild(meta);
  const zoom = document.getElementById('zoom');
  if (!zoom) throw new Error('derived page: errors.html has no #zoom');
  const body = zoom.innerHTML;
  zoom.innerHTML = ['2024', '2023', '2022'].map((y) => `<p><a href="/${y}/report.html">威海市某某区人民政府${y}年政府信息公开工作年度报告</a></p>`).join('\n');
  insertLater(document as unknown as Document, body, 2500);
  return note(`<!DOCTYPE html>\n${document.documentElement.outerHTML}`, 'a 政府信息公开年报 column listing; errors.html\'s body replaces the list 2.5 s after load');
};

/**
 * iframe-host.html whose frame a page script inserts 300 ms after load, pointing at a slow URL:
 * the report (seed-004's article) arrives in the frame 1.5 s later, long after the insertion.
 */
PAGES['/late-frame-host.html'] = () => {
  const html = readFileSync(join(import.meta.dirname, 'pages', 'iframe-host.html'), 'utf8');
  const frame = /<iframe id="xxgk-frame"[^>]*><\/iframe>/;
  if (!frame.test(html)) throw new Error('derived page: iframe-host.html has no #xxgk-frame');
  const script = `<div id="xxgk-slot"></div><script>
window.addEventListener("load", function () {
  setTimeout(function () {
    var f = document.createElement("iframe");
    f.id = "xxgk-frame"; f.title = "政府信息公开内容"; f.setAttribute("frameborder", "0");
    f.src = "/slow/iframe-report.html";
    document.getElementById("xxgk-slot").appendChild(f);
  }, 300);
});
</script>`;
  return note(html.replace(frame, script), 'iframe-host.html whose report frame is inserted 300 ms after load and fills 1.5 s later');
};

/**
 * Markup a page can use to shadow the extension API in the content script's world (issue 16, item
 * 2): named access makes an element with id or name browser / chrome / runtime a global there, and
 * a form's controls its properties. Each shape is hidden (display:none) at the top of errors.html's
 * body, served as /clobber/<shape>.html.
 */
export const CLOBBER_SHAPES: Record<string, string> = {
  /** the line: browser.runtime is the <input> */
  'form-browser': '<form id="browser"><input name="runtime"></form>',
  /** browser.runtime.id is a truthy string (the input's id) */
  'form-browser-id': '<form id="browser"><input name="runtime" id="rt-1"><input name="sendMessage"></form>',
  /** by name, not id, with a <fieldset> holding id and sendMessage controls */
  'form-name-browser': '<form name="browser"><fieldset name="runtime" id="rt-2"><input name="id" value="x"><input name="sendMessage"></fieldset></form>',
  /** chrome shadowed the same way */
  'form-chrome-id': '<form id="chrome"><input name="runtime" id="rt-3"><input name="sendMessage"></form>',
  /** both at once */
  'form-both': '<form id="browser"><input name="runtime" id="rt-4"></form><form id="chrome"><input name="runtime" id="rt-5"></form>',
  /** the named-access elements other than forms: img, embed, object, and id on any element */
  'named-elements': '<img name="browser" alt=""><embed name="chrome" type="text/plain"><object name="runtime" type="text/plain"></object><div id="runtime"></div>',
  /** a named iframe: browser is the frame's window */
  'iframe-browser': '<iframe name="browser" src="about:blank"></iframe><iframe name="chrome" src="about:blank"></iframe><iframe id="runtime" src="about:blank"></iframe>',
  /** two elements named browser: an HTMLCollection, with a runtime item */
  'collection': '<a id="browser" href="#"></a><form name="browser"><input name="runtime" id="rt-6"></form><a id="runtime" name="id" href="#"></a>',
};

/**
 * errors.html as a mirror or provincial portal might serve it (checked from the toolbar, no detector
 * ran before its markup): both API names shadowed by forms whose controls answer to runtime, id and
 * sendMessage, and a page script that assigns window.chrome and window.browser before any check
 * (issue 16, item 1's open end)
 */
PAGES['/shadow-both.html'] = () =>
  note(
    fixture('errors').replace(
      /<body([^>]*)>/,
      `<body$1>
<div style="display:none"><form id="browser"><input name="runtime" id="rt-b"><input name="sendMessage"><input name="id" value="x"></form><form name="chrome"><input name="runtime" id="rt-c"><input name="sendMessage"><input name="id" value="y"></form></div>
<script>window.chrome = { runtime: { id: "hijacked", sendMessage: function () { return Promise.resolve(null); } } }; window.browser = window.chrome;</script>`,
    ),
    'errors.html whose forms shadow both browser and chrome, and whose script assigns both',
  );

/**
 * errors.html in a fixed-width site layout wider than a 1280 px window less the sidebar (the
 * common gov.cn `w1200` container), with the tables pushed to its right edge: the 总计 column is
 * the last thing on the right, where a panel would sit (issue 18, item 1).
 */
PAGES['/wide-layout.html'] = () =>
  note(
    fixture('errors').replace(
      '</head>',
      `<style type="text/css">
body { margin: 0; }
.w1200 { width: 1200px; margin: 0 auto; }
.article-content table { margin: 0 0 0 auto !important; }
</style>
</head>`,
    ),
    'errors.html in a 1200 px fixed-width layout, tables at its right edge',
  );

for (const [shape, markup] of Object.entries(CLOBBER_SHAPES)) {
  PAGES[`/clobber/${shape}.html`] = () =>
    note(fixture('errors').replace(/<body([^>]*)>/, `<body$1>\n<div style="display:none">${markup}</div>`), `errors.html with page markup that shadows the extension API: ${shape}`);
}

const cache = new Map<string, string>();

/** The page for this URL path, or null when it is not a derived one. */
export function derivedPage(path: string): string | null {
  const make = PAGES[path];
  if (!make) return null;
  let html = cache.get(path);
  if (html === undefined) {
    html = make();
    cache.set(path, html);
  }
  return html;
}

/**
 * Pages served as bytes in another encoding: seed-004.html in GBK, its charset declared so, as
 * many county sites still serve their pages (the batch page must decode it, not show mojibake).
 */
const ENCODED: Record<string, () => Buffer> = {
  '/seed-004-gbk.html': () => iconv.encode(fixture('seed-004').replace('<meta charset="utf-8">', '<meta charset="gbk">'), 'gbk'),
};

/** The bytes of an encoded derived page for this URL path, or null. */
export function encodedPage(path: string): Buffer | null {
  return ENCODED[path]?.() ?? null;
}
