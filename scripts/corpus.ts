/**
 * `npm run corpus`: every real report of test/corpus read by the CLI's engine, one line each —
 * read whole / partly / refused; error findings right, false, missed — and the totals.
 * `npm run corpus -- -v` also lists each case's misread figures and false or missed findings.
 */
import { loadCases, loadKnownGaps } from '../test/corpus/expected';
import { judge } from '../test/corpus/judge';

const verbose = process.argv.includes('-v');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const gaps = loadKnownGaps();
const cases = loadCases().filter((c) => only.length === 0 || only.some((o) => c.id.includes(o)));
const WORD = { whole: '整份读出', partly: '部分读出', refused: '未读出' } as const;
const totals = { cases: 0, whole: 0, partly: 0, refused: 0, wrongRefusal: 0, right: 0, false: 0, missed: 0, misread: 0, exact: 0 };

for (const c of cases) {
  const v = await judge(c);
  totals.cases++;
  totals[v.reading]++;
  if (v.wrongRefusal) totals.wrongRefusal++;
  totals.right += v.right.length;
  totals.false += v.falseErrors.length;
  totals.missed += v.missed.length;
  totals.misread += v.misread.length;
  const exact = !v.wrongRefusal && v.misread.length === 0 && v.falseErrors.length === 0 && v.missed.length === 0;
  if (exact) totals.exact++;
  const kind = c.expect.kind === 'complete' ? '完整' : c.expect.kind === 'truncated' ? '截断' : '非年报';
  const reading = c.expect.kind === 'not-report' ? (v.reading === 'refused' ? '未当作年报' : '当作年报') : WORD[v.reading];
  console.log(
    `${exact ? '✓' : '✗'} ${c.id.padEnd(12)} ${kind}  ${reading}  错误：对 ${v.right.length} · 误报 ${v.falseErrors.length} · 漏报 ${v.missed.length}` +
      (v.misread.length ? ` · 读错数字 ${v.misread.length}` : '') +
      (v.wrongRefusal ? ` · ${v.wrongRefusal}` : '') +
      `  ${c.expect.body ?? ''} ${c.expect.year ?? ''}` +
      (gaps[c.id] && !exact ? '  （已知未解决，见 test/corpus/known-gaps.json）' : ''),
  );
  if (verbose && !exact) {
    for (const m of v.misread.slice(0, 12)) console.log(`    读错 ${m}`);
    if (v.misread.length > 12) console.log(`    … 另有 ${v.misread.length - 12} 处读错`);
    for (const f of v.falseErrors) console.log(`    误报 ${f}`);
    for (const m of v.missed) console.log(`    漏报 ${m}`);
  }
}
console.log(
  `\n合计 ${totals.cases} 份：完全判对 ${totals.exact}；整份读出 ${totals.whole}，部分读出 ${totals.partly}，未读出 ${totals.refused}（其中错拒或错收 ${totals.wrongRefusal}）；` +
    `错误发现：对 ${totals.right}，误报 ${totals.false}，漏报 ${totals.missed}；读错数字 ${totals.misread}`,
);
