import { normalizeText, stripPinyin, toSimplified } from '../text/normalize';
import type { PageDate } from '../extract/page-date';
import { findPublished, type Published } from './published';

export interface ReportMeta {
  title: string | null;
  body: string | null;
  year: number | null;
  /** the year of the 统计期限 the intro states (从2024年1月1日到12月31日止) */
  periodYear: number | null;
  /** the publication date the page shows (发布日期：2025-01-21, or a dated signature line), YYYY-MM-DD */
  published: string | null;
  /** where `published` was read (recognise/published.ts) */
  publishedFrom: Omit<Published, 'date'> | null;
}

/** What else the page tells about its report: where its first section starts, its metadata's date. */
export interface MetaHints {
  /** paragraph index of the first section heading found */
  firstSection?: number | null;
  /** `<meta name="PubDate">` and the like, as written */
  pageDate?: PageDate | null;
}

const TITLE = /^(.*?)\s*((?:19|20)\d{2})\s*年(?:度)?\s*(?:的)?\s*([^\d\s年]{2,16}?)??政府信息公[开開]\s*(?:工作)?\s*年[度度]?\s*[报報]告/;
const BODY_LINE = /(?:人民政府|政府|镇|乡|街道办事处|街道|局|委员会|委|办公室|办|厅|署|中心|院|部|区|县|市)$/;

/**
 * Title, issuing body and report year where the page states them: the title line
 * (`海青镇2023年政府信息公开工作年度报告`), a body line just above a bare title
 * (`威海市环翠区人民政府` / `2024年政府信息公开工作年度报告`), or the intro's
 * `结合2023年威海市环翠区羊亭镇政府信息公开工作实际` (seed 000 has no title line).
 */
export function findMeta(paras: string[], pageTitle: string | null, hints: MetaHints = {}): ReportMeta {
  // Mirrors in traditional characters with pinyin after them (`濟(jì)南市…年度報(bào)告`) read as the report.
  const head = paras.slice(0, 40).map((p) => stripPinyin(toSimplified(normalizeText(p))));
  let title: string | null = null;
  let body: string | null = null;
  let year: number | null = null;
  let titleAt: number | null = null;

  const candidates = pageTitle ? [...head, stripPinyin(toSimplified(normalizeText(pageTitle)))] : head;
  for (let i = 0; i < candidates.length; i++) {
    const line = candidates[i] ?? '';
    if (line.length > 80) continue;
    const m = TITLE.exec(line);
    if (!m) continue;
    year = Number(m[2]);
    if (i < head.length) titleAt = i;
    // `威海市环翠区2024年…` or `2022年上海市政府信息公开…`: the body before or after the year.
    const prefix = ((m[1] ?? '').trim() || (m[3] ?? '').trim()).replace(/[关于的]+$/, '');
    if (prefix !== '') {
      body = prefix.replace(/\s+/g, '');
      title = line;
    } else {
      const prev = i > 0 ? (candidates[i - 1] ?? '') : '';
      if (prev !== '' && prev.length <= 30 && BODY_LINE.test(prev)) {
        body = prev.replace(/\s+/g, '');
        title = `${prev}${line}`;
      } else {
        title = line;
      }
    }
    break;
  }

  const text = head.join('\n');
  if (body === null || year === null) {
    const m = /结合\s*((?:19|20)\d{2})\s*年(?:度)?\s*([^，。,\n]{2,30}?)信息公开工作实际/.exec(text);
    if (m) {
      year ??= Number(m[1]);
      // 羊亭镇政府信息公开 → 羊亭镇; 环翠区人民政府信息公开 → 环翠区人民政府
      body ??= (m[2] ?? '').trim().replace(/(?<!人民)政府$/, '') || null;
    }
  }
  const period = /统计期限[^。]*?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(text);
  const periodYear = period ? Number(period[1]) : null;
  year ??= periodYear;
  // Last, the year the text gives its work: `2021年度政府信息公开的具体工作要求`.
  year ??= Number(/((?:19|20)\d{2})\s*年度/.exec(text.slice(0, 1500))?.[1] ?? NaN) || null;
  const published = findPublished(paras, hints.firstSection ?? null, titleAt, hints.pageDate);
  return { title, body, year, periodYear, published: published?.date ?? null, publishedFrom: published ? { where: published.where, label: published.label } : null };
}
