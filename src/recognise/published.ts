import { foldedText, normalizeText } from '../text/normalize';
import type { PageDate } from '../extract/page-date';

/**
 * When the report was published, and where that was read. In order of preference:
 *  1. the page's own date line, labelled: `发布日期：2024-02-15`, `发布时间: 2024-03-08 15:34`
 *     (`公开日期`, `发稿时间` alike);
 *  2. the page's metadata: `<meta name="PubDate" content="2024-02-15 10:00">` (extract/page-date.ts);
 *  3. a date line of the page that says when the document was made rather than put online:
 *     `成文日期`, `发文日期`, `印发日期`, `生成日期` (a 政府信息公开目录 record);
 *  4. a bare `时间：` / `日期：` in the page's header line, next to its 来源 / 浏览 / 字体 words
 *     (`来源：平潭县人民政府 时间：2022-02-08 16:34`);
 *  5. the date the report is signed with: a date alone on one of its last lines (`2026年1月23日`,
 *     `二〇二四年一月二十日`), or in brackets just under its title (`（2026年1月23日）`). A report is
 *     published on or after the day it is signed, so a signature after the deadline is late too.
 * The page's lines are read only before the report's first section heading (or in its first 40
 * paragraphs when none is found): the lists of other articles around a page carry their own
 * dates. A date without a label in the page (a clock, `2019年12月3日星期二`) is never taken.
 */
export type PublishedWhere = 'page' | 'meta' | 'signature' | 'heading';

export interface Published {
  /** YYYY-MM-DD */
  date: string;
  where: PublishedWhere;
  /** the label as printed (发布日期, 发布时间, 成文日期, 时间…) or the meta name (PubDate); '' for a signature */
  label: string;
}

const DATE = String.raw`((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)`;
const PUBLISH_LABEL = new RegExp(String.raw`(发布日期|发布时间|公开日期|公开时间|发稿时间|发稿日期|上网时间)\s*[:：]?\s*` + DATE);
const MADE_LABEL = new RegExp(String.raw`(成文日期|成文时间|发文日期|印发日期|生成日期)\s*[:：|]?\s*\|?\s*` + DATE);
/** a bare 时间 / 日期 with its colon, not the end of a longer word (统计时间, 办理时间) */
const BARE_LABEL = new RegExp(String.raw`(?:^|[\s|　])(时间|日期)\s*[:：]\s*` + DATE);
/** words of a page's header line around its date */
const HEADER_WORDS = /来源|浏览|点击|字体|字号|打印|访问量|阅读/;

const CN_DIGIT: Readonly<Record<string, number>> = { 〇: 0, '○': 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_DATE = /^([〇○零Oo一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/;
const DIGIT_DATE = /^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

/** 十 → 10, 十二 → 12, 二十 → 20, 二十一 → 21, 三 → 3; anything else null. */
function smallCn(s: string): number | null {
  const at = s.indexOf('十');
  if (at < 0) return s.length === 1 ? (CN_DIGIT[s] ?? null) : null;
  const tens = s.slice(0, at);
  const ones = s.slice(at + 1);
  const t = tens === '' ? 1 : /^[一二三]$/.test(tens) ? (CN_DIGIT[tens] ?? null) : null;
  const o = ones === '' ? 0 : /^[一二三四五六七八九]$/.test(ones) ? (CN_DIGIT[ones] ?? null) : null;
  return t === null || o === null ? null : t * 10 + o;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 2月30日
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A line that is one date and nothing else, in digits or Chinese numerals, brackets allowed: its ISO form. */
export function dateLine(line: string): string | null {
  const s = line.replace(/\s+/g, '').replace(/^[（(]/, '').replace(/[）)]$/, '');
  const d = DIGIT_DATE.exec(s);
  if (d) return iso(Number(d[1]), Number(d[2]), Number(d[3]));
  const c = CN_DATE.exec(s);
  if (!c) return null;
  const y = Number([...(c[1] ?? '')].map((ch) => CN_DIGIT[ch] ?? 0).join(''));
  const m = smallCn(c[2] ?? '');
  const day = smallCn(c[3] ?? '');
  return y >= 1990 && m !== null && day !== null ? iso(y, m, day) : null;
}

function fromMatch(m: RegExpExecArray, at: number): string | null {
  return iso(Number(m[at]), Number(m[at + 1]), Number(m[at + 2]));
}

/** The date a meta content gives: `2024-02-15 10:00`, `2024/2/15`, `2024年02月15日`, an ISO time. */
export function metaDate(content: string): string | null {
  const m = new RegExp('^\\s*' + DATE).exec(content);
  return m ? fromMatch(m, 1) : null;
}

/**
 * `paras`: the document's paragraphs; `before`: the index of the report's first section heading
 * (null when none was found); `titleAt`: the paragraph of the report's title, when found; `rows`:
 * the lines before that heading read as rows of cells, joined.
 */
export function findPublished(paras: readonly string[], before: number | null, titleAt: number | null, page: PageDate | null | undefined, rows: readonly string[] = []): Published | null {
  // (and the lines before the first heading read as rows of cells: a crawled byline with pipes)
  const head = [...paras.slice(0, Math.min(before ?? 40, 60)), ...rows.slice(0, 20)].map((p) => foldedText(p));
  const labelled = (re: RegExp, where: PublishedWhere): Published | null => {
    for (const p of head) {
      const m = re.exec(p);
      const date = m ? fromMatch(m, 2) : null;
      if (m && date) return { date, where, label: m[1] ?? '' };
    }
    return null;
  };
  const bare = (): Published | null => {
    for (const p of head) {
      const m = BARE_LABEL.exec(p);
      if (!m) continue;
      const around = p.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40);
      const date = fromMatch(m, 2);
      if (date && HEADER_WORDS.test(around)) return { date, where: 'page', label: m[1] ?? '' };
    }
    return null;
  };
  const meta = (): Published | null => {
    const date = page ? metaDate(page.content) : null;
    return page && date ? { date, where: 'meta', label: page.name } : null;
  };
  const signed = (): Published | null => {
    for (const p of paras.slice(-8).reverse()) {
      const date = dateLine(normalizeText(p));
      if (date) return { date, where: 'signature', label: '' };
    }
    if (titleAt !== null) {
      // `沭阳县人民政府` / `（2026年1月23日）` under the title: only in brackets, a bare date there may be the page's
      for (const p of paras.slice(titleAt + 1, titleAt + 4)) {
        const s = normalizeText(p).replace(/\s+/g, '');
        const date = /^[（(].*[）)]$/.test(s) ? dateLine(s) : null;
        if (date) return { date, where: 'heading', label: '' };
      }
    }
    return null;
  };
  return labelled(PUBLISH_LABEL, 'page') ?? meta() ?? labelled(MADE_LABEL, 'page') ?? bare() ?? signed();
}
