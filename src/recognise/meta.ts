import { normalizeText } from '../text/normalize';

export interface ReportMeta {
  title: string | null;
  body: string | null;
  year: number | null;
}

const TITLE = /^(.*?)\s*((?:19|20)\d{2})\s*年(?:度)?\s*(?:的)?\s*政府信息公[开開]\s*(?:工作)?\s*年[度度]?\s*[报報]告/;
const BODY_LINE = /(?:人民政府|政府|镇|乡|街道办事处|街道|局|委员会|委|办公室|办|厅|署|中心|院|部|区|县|市)$/;

/**
 * Title, issuing body and report year where the page states them: the title line
 * (`海青镇2023年政府信息公开工作年度报告`), a body line just above a bare title
 * (`威海市环翠区人民政府` / `2024年政府信息公开工作年度报告`), or the intro's
 * `结合2023年威海市环翠区羊亭镇政府信息公开工作实际` (seed 000 has no title line).
 */
export function findMeta(paras: string[], pageTitle: string | null): ReportMeta {
  const head = paras.slice(0, 40).map(normalizeText);
  let title: string | null = null;
  let body: string | null = null;
  let year: number | null = null;

  const candidates = pageTitle ? [...head, normalizeText(pageTitle)] : head;
  for (let i = 0; i < candidates.length; i++) {
    const line = candidates[i] ?? '';
    if (line.length > 80) continue;
    const m = TITLE.exec(line);
    if (!m) continue;
    year = Number(m[2]);
    const prefix = (m[1] ?? '').trim();
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
  if (year === null) {
    const m = /统计期限[^。]*?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(text);
    if (m) year = Number(m[1]);
  }
  return { title, body, year };
}
