import { foldedText } from '../text/normalize';
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
  /**
   * the page's lines before the first section heading that were read as rows of cells (a crawled
   * byline `作者:本站原创 | 来源:本站原创 | 时间:2019-01-18`): looked at for the publication date
   */
  headRows?: readonly string[];
}

// (`政务信息公开工作开展年度报告`, `…人民政府2019年信息公开年度报告`: 政府 left out or 政务 for it)
const TITLE = /^(.*?)\s*((?:19|20)\d{2})\s*年(?:度)?\s*(?:的)?\s*([^\d\s年]{2,30}?)??(?:政府|政务)?信息公[开開]\s*(?:工作)?\s*(?:开展)?\s*年[度度]?\s*[报報]告/;
const BODY_LINE = /(?:人民政府|政府|镇|乡|街道办事处|街道|局|委员会|管委会|委|办公室|办|厅|署|中心|院|部|区|县|市|旗|处|室)$/;

/**
 * Title, issuing body and report year where the page states them: the title line
 * (`海青镇2023年政府信息公开工作年度报告`), a body line just above a bare title
 * (`威海市环翠区人民政府` / `2024年政府信息公开工作年度报告`), or the intro's
 * `结合2023年威海市环翠区羊亭镇政府信息公开工作实际` (seed 000 has no title line).
 */
/**
 * A body's name as the text gives it, or null when what was caught is not one: the part after the
 * last separator of a page title (`Page8-威海市文登区信访局`, `首页_…`), after the last clause
 * of a sentence (`根据《条例》要求，现公布桐梓县人民政府` → 桐梓县人民政府); never text with a book
 * title, latin words or long digit runs in it (a page title rewritten by spam).
 */
function cleanBody(raw: string): string | null {
  const tail = raw.split(/[-_|｜—–>»《》@]|[，,。；;：:]|现将|(?:现|予以|向社会)?(?:公布|发布)|编制(?:形成)?(?:了)?/).pop() ?? '';
  const name = tail.replace(/\s+/g, '').replace(/^(?:关于|的)+/, '');
  if (name.length < 2 || name.length > 40 || /^[我本该]/.test(name)) return null;
  if (/[《》“”]|[A-Za-z]{3,}|\d{3,}/.test(name)) return null;
  return name;
}

// (`标      题 西藏自治区审计厅2025年…`: a 政府信息公开目录 record's field, spaced out, no colon)
const FIELD_LABEL = /^\s*(?:文章标题|标\s*题|题\s*目|名\s*称|title)\s*(?:[:：]\s*|\s+)/i;

export function findMeta(paras: string[], pageTitle: string | null, hints: MetaHints = {}): ReportMeta {
  // Mirrors in traditional characters with pinyin after them (`濟(jì)南市…年度報(bào)告`) read as the report.
  const head = paras.slice(0, 40).map((p) => foldedText(p));
  let title: string | null = null;
  let body: string | null = null;
  let year: number | null = null;
  let titleAt: number | null = null;

  const candidates = pageTitle ? [...head, foldedText(pageTitle)] : head;
  for (let i = 0; i < candidates.length; i++) {
    // a crawler's or CMS's field label before the title (`标题: 平潭综合实验区2023年度…`) is not part of it
    const full = (candidates[i] ?? '').replace(FIELD_LABEL, '');
    // crawled text runs the title into what follows (`清水县人民政府2019年 政府信息公开工作年度报告 一、总体情况 …`)
    let line = full.length > 80 ? (TITLE.exec(full.slice(0, 80))?.[0] ?? '') : full;
    if (line === '') continue;
    let m = TITLE.exec(line);
    // a title broken over two lines (`2023年上海市黄浦区人民政府打浦桥街道办事处` / `政府信息公开工作年度报告`)
    const next = (candidates[i + 1] ?? '').trim();
    // (only when the next line is no title by itself: a breadcrumb above a whole title stays apart)
    if (!m && i + 1 < head.length && line.length <= 40 && next.length <= 30 && /^(?:政府|政务)?信息公[开開]/.test(next) && !TITLE.test(next)) {
      const joined = TITLE.exec(`${line.trim()}${next}`);
      if (joined) {
        m = joined;
        line = `${line.trim()}${next}`;
      }
    }
    if (!m) continue;
    // a notice about compiling the reports (`…办公厅关于做好2019年政府信息公开工作年度报告编制…`) is not the title
    if (/做好\s*$/.test(m[1] ?? '')) continue;
    year = Number(m[2]);
    if (i < head.length) titleAt = i;
    // `威海市环翠区2024年…` or `2022年上海市政府信息公开…`: the body before or after the year.
    const prefix = ((m[1] ?? '').trim() || (m[3] ?? '').trim()).replace(/[关于的]+$/, '');
    if (prefix !== '') {
      body = cleanBody(prefix);
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
      const name = cleanBody((m[2] ?? '').trim().replace(/(?<!人民)政府$/, ''));
      body ??= name && BODY_LINE.test(name) ? name : null;
    }
  }
  if (body === null) {
    // the intro names the body: `现公布区统计局2023年政府信息公开工作年度报告`, `编制了X2021年…年度报告`
    const intro = /(?:现(?:将|予以)?公布|现(?:予)?发布|编制(?:了)?|公布)\s*([^\s，。,、；;：:《》“”（）()]{2,30}?)\s*(?:19|20)\d{2}\s*年度?\s*(?:的)?\s*政府信息公开(?:工作)?(?:年度)?报告/.exec(text);
    // or its overview's first sentence: `2024年，长春市人民政府办公厅坚持以…`
    const overview = /(?:^|\n)[^\n]{0,20}?(?:19|20)\d{2}\s*年度?\s*[，,]\s*([^\s，。,、；;：:《》“”（）()]{2,30}?)(?:坚持|认真|深入|紧紧|紧密|围绕|全面|以习近平|在|高度|始终|按照|严格|进一步|持续|不断|积极|聚焦|扎实|着力|切实|继续|主动)/.exec(text);
    for (const m of [intro, overview]) {
      const name = m?.[1] ? cleanBody(m[1]) : null;
      if (name && BODY_LINE.test(name) && !/^[我本该]/.test(name)) {
        body = name;
        break;
      }
    }
  }
  const period = /统计(?:期限|时限|时间|区间)[^。]*?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(text);
  const periodYear = period ? Number(period[1]) : null;
  year ??= periodYear;
  // Last, the year the text gives its work: `2021年度政府信息公开的具体工作要求`.
  year ??= Number(/((?:19|20)\d{2})\s*年度/.exec(text.slice(0, 1500))?.[1] ?? NaN) || null;
  const published = findPublished(paras, hints.firstSection ?? null, titleAt, hints.pageDate, hints.headRows);
  return { title, body, year, periodYear, published: published?.date ?? null, publishedFrom: published ? { where: published.where, label: published.label } : null };
}
