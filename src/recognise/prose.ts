/**
 * The prose reader: finds the sentences of a report that state a figure the tables also hold —
 * `2024年全区新收政府信息公开申请156件` → `{ kind: 'new', value: 156 }`.
 *
 * Precision over recall. A peer tool had to switch its prose checks off because of false alarms,
 * so a statement is produced only when the words leave no doubt which figure is meant. Anything
 * ambiguous gives nothing: a figure after a comparison (同比增加3件), a clause about another year
 * (上年/去年), a sentence naming two different years, approximations (约、余、以上), ranges
 * (三四件), figures inside 《…》, dates, document numbers and 第…条 references, and application or
 * review wording in sentences about 人大代表建议/政协提案 or the 信息处理费.
 *
 * Matching runs on a copy of the sentence in which traditional characters are folded to
 * simplified and the never-a-value spans are blanked out, character for character; so every
 * match position is also a position in the sentence as printed, and quotes are cut from that.
 */
import type { SourceRef } from '../extract/types';
import type { Statement, StatementKind } from '../model/report';
import { CN_NUMERAL_CHARS, readNumber } from '../text/cn-number';
import { normalizeText, toSimplified } from '../text/normalize';

export interface ProsePara {
  text: string;
  src: SourceRef | null;
  /** key of the section the paragraph sits in, or null before the first heading */
  section: string | null;
}

// ---------------------------------------------------------------------------------------------
// Text preparation

/**
 * Traditional characters the prose patterns need that normalize's label table does not carry
 * (it covers the template's labels): 糾錯 → 纠错, 辦理完畢 → 办理完毕, 較上年, 敗訴, 約/餘/幾.
 * One character for one, like toSimplified, so positions stay put.
 */
const EXTRA_T2S: Readonly<Record<string, string>> = {
  錯: '错',
  畢: '毕',
  較: '较',
  敗: '败',
  達: '达',
  約: '约',
  餘: '余',
  幾: '几',
  僅: '仅',
  頒: '颁',
  還: '还',
  續: '续',
};
const EXTRA_T2S_RE = new RegExp(`[${Object.keys(EXTRA_T2S).join('')}]`, 'g');

const BLANK = '□';
const blank = (m: string): string => BLANK.repeat(m.length);

const CN_DIGIT = '〇零一二三四五六七八九';

/**
 * Spans that never hold a statement's value; blanked before matching. Order matters only in
 * that each works on the text the previous ones left.
 */
const NEVER_VALUES: RegExp[] = [
  /《[^《》]*》/g, // titles: 《条例》, 《…目录（2024年版）》
  /https?:\/\/[^\s，。；、）)]+/g, // addresses
  /[〔［\[（(]\s*\d{4}\s*[〕］\]）)]\s*\d+\s*号/g, // document numbers 〔2021〕30号
  /\d{3,4}-\d{7,8}(?:-\d{1,6})?/g, // phone numbers 0631-5208761
  /\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}/g, // 2024-01-01, 2024.1.1
  /\d{2,4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?/g, // 2024年, 2024年1月1日
  new RegExp(`[${CN_DIGIT}]{2,4}年`, 'g'), // 二〇二四年
  /\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?/g, // 12月31日, 7月底
  /\d{1,2}\s*[日号](?![a-z])/g, // a lone day: 到31日
  new RegExp(`第\\s*[（(]?\\s*(?:\\d+|[${CN_NUMERAL_CHARS}]+)\\s*[）)]?`, 'g'), // 第二十条, 第（一）项, 第711号
  /\d+(?:\.\d+)?\s*[%％‰]/g, // rates: 办复率100%
];

/**
 * `结转至2026年6件`: the year a 结转 goes to is the next year, written out. It is rewritten (same
 * length) as 下一年度 so the carried-forward pattern reads it, and yearsNamed does not count it.
 */
const CARRIED_TO_YEAR = /((?:结转|转结|顺延|转入|转)\s*(?:至|到|入)\s*)((?:19|20)\d{2}\s*年度?)/g;

function fold(s: string): string {
  return toSimplified(s).replace(EXTRA_T2S_RE, (c) => EXTRA_T2S[c] ?? c);
}

/** Fold to simplified (1:1) and blank the never-value spans (1:1): same length as the input. */
function prepare(s: string): string {
  let t = fold(s).replace(CARRIED_TO_YEAR, (_m, verb: string, year: string) => verb + '下一年度' + BLANK.repeat(year.length - 4));
  for (const re of NEVER_VALUES) t = t.replace(re, blank);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Sentences

interface Span {
  /** the text as printed (trimmed) */
  text: string;
  /** the same span prepared for matching (same length) */
  prep: string;
  /** offset of text in the paragraph */
  start: number;
}

function span(para: string, prep: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(para.charAt(s))) s++;
  while (e > s && /\s/.test(para.charAt(e - 1))) e--;
  if (s >= e) return null;
  return { text: para.slice(s, e), prep: prep.slice(s, e), start: s };
}

/** Split [start, end) of the paragraph on a delimiter class (one character, flag g); the delimiters are dropped. */
function splitSpans(para: string, prep: string, start: number, end: number, delim: RegExp): Span[] {
  const out: Span[] = [];
  let from = start;
  delim.lastIndex = start;
  for (let m = delim.exec(para); m && m.index < end; m = delim.exec(para)) {
    const i = m.index;
    const s = span(para, prep, from, i);
    if (s) out.push(s);
    from = i + 1;
  }
  const s = span(para, prep, from, end);
  if (s) out.push(s);
  return out;
}

/** 。！？ end a full sentence; ；; end a piece of one. ASCII ? is not used: it is often a lost space. */
const FULL_STOP = /[。！？!]/g;
const PIECE_STOP = /[；;]/g;

// ---------------------------------------------------------------------------------------------
// Figures and guards

/** One figure as it may follow a keyword: arabic (with thousands commas) or a Chinese numeral. */
const FIG = `(\\d{1,3}(?:,\\d{3})+|\\d+|[${CN_NUMERAL_CHARS}]+)`;
/** The same, named: for patterns whose figure comes before the words (`1件结转下年度继续办理`). */
const FIG_FIRST = `(?<![\\d.${CN_NUMERAL_CHARS}]|\\d,)(?<fig>\\d{1,3}(?:,\\d{3})+|\\d+|[${CN_NUMERAL_CHARS}]+)`;
/** Words allowed between a keyword and its figure: 的、有、为、共计 … (never 约、近、超过). */
const FILL = '(?:的)?(?:共计|合计|总计|共|有|为|是)?\\s*';
/** Right after the unit: an approximation or a different unit (件次), so not an exact count. */
const APPROX_AFTER = /^\s*(?:以上|左右|余|多|上下|次)/;

/** Markers of a comparison: every figure after one in the same piece is a difference. */
const COMPARISON = /增加|减少|增长|下降|上升|降低|同比|环比|相比|相较|较上一?年|较去年|较往年|比上一?年|比去年|比往年|多出|持平/;

/** Words of another year. 上年结转 is this year's row 二 and is taken out first. */
const CARRIED_OVER_WORDS = /上一?年度?(?:结转|转结)/g;
const OTHER_YEAR = /上一?年|去年|往年|前年|历年|以往|上一年度/;

/** Sentences about other business: 人大代表建议 and 政协提案 are not applications. */
const DEPUTIES = /人大|政协|提案|代表建议/;
const FEES = /处理费|收费/;

/** Other channels whose "applications" are not information-disclosure applications. */
const OTHER_CHANNELS = /诉求|热线|12345|信访|投诉|咨询|许可|审批|政务服务|办件|便民|人大|政协|提案|建议/;

/** Where the clause (between ，：and the piece's ends) that holds position i starts and ends. */
function clauseBounds(prep: string, i: number): [number, number] {
  const isSep = (c: string) => /[，,：:]/.test(c) && !(c === ',' && /\d/.test(prep.charAt(i)));
  let s = i;
  while (s > 0 && !isSep(prep.charAt(s - 1))) s--;
  let e = i;
  while (e < prep.length && !isSep(prep.charAt(e))) e++;
  return [s, e];
}

/** The clause (between ，：and the piece's ends) that holds position i. */
function clauseAt(prep: string, i: number): string {
  const [s, e] = clauseBounds(prep, i);
  return prep.slice(s, e);
}

function firstComparison(prep: string): number {
  const m = COMPARISON.exec(prep);
  return m ? m.index : Infinity;
}

function aboutOtherYear(clause: string): boolean {
  return OTHER_YEAR.test(clause.replace(CARRIED_OVER_WORDS, blank));
}

/** Distinct four-digit years the piece names (read before blanking), leaving out the year a 结转 goes to. */
function yearsNamed(printed: string): number {
  const years = new Set<string>();
  const folded = fold(printed);
  for (const m of folded.matchAll(/((?:19|20)\d{2})\s*年/g)) {
    if (!m[1]) continue;
    if (/(?:结转|转结|顺延|转入|转)\s*(?:至|到|入)\s*$/.test(folded.slice(0, m.index))) continue;
    years.add(m[1]);
  }
  return years.size;
}

// ---------------------------------------------------------------------------------------------
// Single-figure patterns

interface Ctx {
  para: ProsePara;
  /** the full sentence (。-delimited) the piece sits in, prepared */
  sentence: string;
  /** the whole paragraph, prepared */
  paragraph: string;
}

interface Pattern {
  kind: StatementKind;
  re: RegExp;
  /** unit words accepted after the figure */
  units: RegExp;
  /** an application or review statement: barred from 人大/政协/fee sentences */
  application: boolean;
  /** extra acceptance test on the match (after the shared guards) */
  accept?: (m: RegExpExecArray, piece: Span, ctx: Ctx) => boolean;
  subject?: (m: RegExpExecArray) => Statement['subject'] | undefined;
}

const APPLICATION_UNITS = /^(?:件|个|条|次|份)$/;
const CASE_UNITS = /^(?:件|起|宗|个|次)$/;
const DOC_UNITS = /^(?:件|个|部|项|份)$/;
const COUNT_UNITS = /^(?:件|个|条|份)$/;

/** Qualifiers of 申请 that make it an information-disclosure application. */
const QUAL = '(?:依申请公开政府信息|政府信息公开|依申请公开|公开政府信息|信息公开|政府信息)';

const mentionsDisclosure = (s: string): boolean => /依申请|信息公开|公开申请/.test(s);

const subjectOf = (word: string | undefined): Statement['subject'] | undefined =>
  word === undefined ? undefined : word.includes('规章') ? 'regulations' : word.includes('规范性文件') ? 'normative' : undefined;

/** In a sentence about documents (for 废止N件 / 现行有效N件 without a named subject). */
const aboutDocuments = (s: string): boolean => /文件|规章/.test(s);

const PATTERNS: Pattern[] = [
  {
    kind: 'new',
    re: new RegExp(`新收(?:到)?(?:的)?${QUAL}?申请(?:数量|数)?${FILL}${FIG}\\s*(件|个|条|次)`, 'g'),
    units: APPLICATION_UNITS,
    application: true,
    accept: (m, piece) => newIsThisYearOnly(m, piece),
  },
  {
    // 收到/受理 N 件: row 一 in some reports, 一 + 二 in others (`受理…24件(含上年结转1件)`).
    kind: 'received',
    re: new RegExp(
      `(共|总共|累计|全年共|本年度共|本年共)?(?<!未|没|没有|无|尚未|不|新)(?:收到和受理|收到并受理|接到和受理|收到|接到|受理|接收)(?:了)?(?:的)?(${QUAL})?申请(?:数量|数)?${FILL}${FIG}\\s*(件|个|条|次|份)`,
      'g',
    ),
    units: APPLICATION_UNITS,
    application: true,
    accept: (m, piece, ctx) => {
      if (!receivedThisYear(m, piece)) return false;
      if (m[2] !== undefined) return true; // 政府信息公开申请: unambiguous
      // 共收到申请N件 without the qualifier: only in a sentence about disclosure applications
      // and not about hotlines, permits or petitions.
      return m[1] !== undefined && mentionsDisclosure(ctx.paragraph) && !OTHER_CHANNELS.test(ctx.sentence);
    },
  },
  {
    // 共收到70件申请: the figure before 申请.
    kind: 'received',
    re: new RegExp(`(?:共|总共|累计|全年共|本年度共|本年共)(?:收到|受理|接到|接收)(?:了)?${FIG_FIRST}\\s*(?<unit>件|个|条|次|份)(?:${QUAL})?申请`, 'g'),
    units: APPLICATION_UNITS,
    application: true,
    accept: (_m, _piece, ctx) => mentionsDisclosure(ctx.paragraph) && !OTHER_CHANNELS.test(ctx.sentence),
  },
  {
    // 共收到依申请公开308件 / 收到依申请公开请求2件 / 依申请公开共受理2件.
    kind: 'received',
    re: new RegExp(
      `(?<!未|没|没有|无|尚未|不)(?:(?:收到|受理|接到|接收)(?:了)?依申请公开(?:政府信息)?(?:申请|请求|信件|事项)?|依申请公开(?:方面)?(?:共|全年共)?(?:受理|收到)(?:申请)?)${FILL}${FIG}\\s*(件|个|条|次|份)`,
      'g',
    ),
    units: APPLICATION_UNITS,
    application: true,
    accept: (m, piece) => receivedThisYear(m, piece),
  },
  {
    kind: 'carried-over',
    re: new RegExp(`上一?年度?(?:结转|转结)(?:过来)?(?:的)?(?:${QUAL})?(?:申请)?${FILL}${FIG}\\s*(件|个|条|份)`, 'g'),
    units: COUNT_UNITS,
    application: true,
  },
  {
    // 结转下年度继续办理7件 / 转下一年度办理答复的有 1 件 / 结转至2026年6件 (see prepare).
    kind: 'carried-forward',
    re: new RegExp(
      `(?<!上一?年度?)(?:结转|转结|转入|顺延|转)(?:至|到|入)?下一?(?:个)?年度?${BLANK}*(?:继续)?(?:办理|处理|答复)*(?:的)?(?:${QUAL})?(?:申请)?${FILL}${FIG}\\s*(件|个|条|份)`,
      'g',
    ),
    units: COUNT_UNITS,
    application: true,
  },
  {
    // 1件结转下年度继续办理 / 5份转下年度继续办理 / 另有72件申请按照《条例》顺延到下年度答复.
    kind: 'carried-forward',
    re: new RegExp(
      `${FIG_FIRST}\\s*(?<unit>件|个|条|份)(?:${QUAL})?(?:申请)?[^，,。；;：:\\d]{0,8}?(?:结转|转结|转入|顺延|转)(?:至|到|入)?下一?(?:个)?年度?`,
      'g',
    ),
    units: COUNT_UNITS,
    application: true,
    accept: (m, piece) => !/上一?年|结转过来/.test(piece.prep.slice(m.index, m.index + m[0].length)),
  },
  {
    kind: 'completed',
    re: new RegExp(
      `(?:办结|办理完毕|(?:(?<=^|[，,；;：:\\s${BLANK}])|(?<=已|共|予以|作出|累计|全部|依法))答复)(?:了)?(?:的)?(?:${QUAL})?(?:申请)?${FILL}${FIG}\\s*(件|个|条|份)`,
      'g',
    ),
    units: COUNT_UNITS,
    application: true,
    // 办结 is said of hotline tickets and petitions too: only in a sentence about applications.
    accept: (_m, _piece, ctx) => /申请/.test(ctx.sentence) && !OTHER_CHANNELS.test(ctx.sentence),
  },
  {
    // 共办理 718 件，结转下一年 31 件: 办理 set against 结转 is what was finished. Alone, 办理 N 件 may
    // as well be 一 + 二 (all that was handled), so it is read only beside a 结转 to the next year.
    kind: 'completed',
    re: new RegExp(`(?:(?<=^|[，,；;：:\\s])|(?<=共|已|累计))办理(?:了)?(?:的)?(?:${QUAL})?(?:申请)?${FILL}${FIG}\\s*(件|个|条|份)`, 'g'),
    units: COUNT_UNITS,
    application: true,
    accept: (_m, _piece, ctx) =>
      /申请/.test(ctx.sentence) && !OTHER_CHANNELS.test(ctx.sentence) && /(?:结转|转结|顺延|转)(?:至|到|入)?下一?(?:个)?年/.test(ctx.sentence),
  },
  // The result groups of table 2 as the prose states them: 予以公开及部分公开42件；不予公开5件 …
  resultGroup('granted-or-partial', `(?<!不)(?:予以|同意)公开(?:及|和|或|与|以及|、)部分公开`),
  resultGroup('granted', `(?<!不)(?:予以公开|同意公开)`),
  resultGroup('partial', `(?<![及和或与、以])部分公开`),
  resultGroup('withheld', `不予公开`),
  resultGroup('unable', `无法提供`),
  resultGroup('not-processed', `不予处理`),
  resultGroup('other-processed', `其他处理`),
  {
    kind: 'review',
    re: new RegExp(`(?:被申请|被提起|提起|申请)?行政复议(?:案件|申请)?${FILL}${FIG}\\s*(件|起|宗|个|次)`, 'g'),
    units: CASE_UNITS,
    application: true,
    accept: (_m, _piece, ctx) => ctx.para.section === 'review' || /公开/.test(ctx.sentence),
  },
  {
    kind: 'review-corrected',
    re: new RegExp(`(?:结果纠正|被纠正|纠正|被纠错|纠错)(?:的)?${FILL}${FIG}\\s*(件|起|宗|个|次)`, 'g'),
    units: CASE_UNITS,
    application: true,
    // The nearest 复议/诉讼 before the figure decides what was corrected.
    accept: (m, piece) => {
      const before = piece.prep.slice(0, m.index);
      return before.lastIndexOf('复议') > before.lastIndexOf('诉讼');
    },
  },
  {
    kind: 'litigation',
    re: new RegExp(`(?:被提起|提起|被)?行政诉讼(?:案件)?${FILL}${FIG}\\s*(件|起|宗|个|次)`, 'g'),
    units: CASE_UNITS,
    application: true,
    accept: (_m, _piece, ctx) => ctx.para.section === 'review' || /公开/.test(ctx.sentence),
  },
  {
    kind: 'issued',
    re: new RegExp(`(?:制发|印发|出台|制定)(?:了)?(?:的)?([^，,、；;。：:\\d□]{0,8}?)(行政规范性文件|规范性文件|规章)${FILL}${FIG}\\s*(件|个|部|项|份)`, 'g'),
    units: DOC_UNITS,
    application: false,
    // 制发政策解读…规范性文件, 制定…公开…规章: the words between must not change the object.
    accept: (m) => !/公开|解读|清理|审查|备案|废止|修订|政策|通知|目录/.test(m[1] ?? ''),
    subject: (m) => subjectOf(m[2]),
  },
  {
    kind: 'repealed',
    re: new RegExp(`废止(?:了)?(?:的)?((?:行政)?规范性文件|(?:政府)?规章|文件)?${FILL}${FIG}\\s*(件|个|部|项|份)`, 'g'),
    units: DOC_UNITS,
    application: false,
    accept: (m, _piece, ctx) => m[1] !== undefined || aboutDocuments(ctx.sentence),
    subject: (m) => subjectOf(m[1]),
  },
  {
    kind: 'in-force',
    re: new RegExp(`现行有效(?:的)?((?:行政)?规范性文件|(?:政府)?规章|文件)?${FILL}${FIG}\\s*(件|个|部|项|份)`, 'g'),
    units: DOC_UNITS,
    application: false,
    accept: (m, _piece, ctx) => m[1] !== undefined || aboutDocuments(ctx.sentence),
    subject: (m) => subjectOf(m[1]),
  },
];

/**
 * A result group of table 2 stated as `不予公开5件` / `无法提供的 10 件` / `同意公开答复 9 件`, in a
 * paragraph about applications and not in a clause about proactive disclosure.
 */
function resultGroup(kind: StatementKind, words: string): Pattern {
  return {
    kind,
    re: new RegExp(`${words}(?:答复)?(?:的)?(?:信息)?(?:申请)?${FILL}${FIG}\\s*(件|个|条|次|份)`, 'g'),
    units: APPLICATION_UNITS,
    application: true,
    accept: (m, piece, ctx) => /申请/.test(ctx.paragraph) && !/主动/.test(clauseAt(piece.prep, m.index)),
  };
}

/**
 * A 收到/受理 figure is this year's (row 一, or 一 + 二) unless the words before it speak of 结转
 * or 上年: `受理上年结转申请3件`. A parenthesis after it (`24件(含上年结转1件)`) is fine.
 */
function receivedThisYear(m: RegExpExecArray, piece: Span): boolean {
  const [start] = clauseBounds(piece.prep, m.index);
  return !/结转|转结|上一?年/.test(piece.prep.slice(start, m.index + m[0].length));
}

/**
 * A 新收/收到 figure is this year's new applications only when its clause says nothing of 结转 or
 * 上年 and no parenthesis right after it adds them in (`156件（含上年结转3件）`).
 */
function newIsThisYearOnly(m: RegExpExecArray, piece: Span): boolean {
  const clause = clauseAt(piece.prep, m.index);
  if (/结转|上一?年/.test(clause)) return false;
  const after = piece.prep.slice(m.index + m[0].length);
  const paren = /^\s*[（(]([^）)]*)[）)]/.exec(after);
  return !(paren && /结转|上一?年|去年|往年/.test(paren[1] ?? ''));
}

/** 未收到政府信息公开申请 / 没有收到公民、法人或其他组织提出的政府信息公开申请 / 无依申请公开事项. */
const NO_APPLICATIONS: RegExp[] = [
  new RegExp(
    `(?:尚未|未|没有|没)(?:收到和受理|收到或受理|收到|接到|受理)(?:过)?(?:任何)?(?:[^，,。；;\\d□]{0,24}?提出的)?(${QUAL})?申请(?=$|[，,。；;！？、]|\\s)`,
    'g',
  ),
  /无依申请公开(?:政府信息)?(?:的)?(?:申请|事项|情况)/g,
  new RegExp(`无${QUAL}申请(?=$|[，,。；;！？、]|\\s)`, 'g'),
];

// ---------------------------------------------------------------------------------------------
// Reading one piece

/**
 * Every pattern ends its figure with one of these units (each pattern's `units` admits only
 * these), and every NO_APPLICATIONS pattern says 申请: a piece with neither is read no further.
 */
const ANY_UNIT = /[件个条次份起宗部项]/;

function readPiece(piece: Span, ctx: Ctx, out: Statement[]): void {
  const { para } = ctx;
  const figures = ANY_UNIT.test(piece.prep);
  const applications = piece.prep.includes('申请');
  if (!figures && !applications) return;
  // the guards below are worked out once, and only for a piece where a pattern matched
  let guards: { comparisonAt: number; severalYears: boolean; deputies: boolean; otherSection: boolean } | null = null;
  const guard = (): NonNullable<typeof guards> =>
    (guards ??= {
      comparisonAt: firstComparison(piece.prep),
      severalYears: yearsNamed(piece.text) > 1,
      deputies: DEPUTIES.test(piece.prep),
      otherSection: para.section === 'other' && (DEPUTIES.test(piece.prep) || FEES.test(piece.prep) || /建议/.test(piece.prep)),
    });

  const shared = (index: number, application: boolean): boolean => {
    const { comparisonAt, severalYears, deputies, otherSection } = guard();
    if (index > comparisonAt) return false;
    if (severalYears) return false;
    const clause = clauseAt(piece.prep, index);
    if (aboutOtherYear(clause)) return false;
    if (application && (deputies || otherSection || FEES.test(clause))) return false;
    return true;
  };

  const found: { at: number; st: Statement }[] = [];

  for (const p of figures ? PATTERNS : []) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(piece.prep); m; m = p.re.exec(piece.prep)) {
      const unit = m.groups?.['unit'] ?? m[m.length - 1] ?? '';
      const fig = m.groups?.['fig'] ?? m[m.length - 2] ?? '';
      if (!p.units.test(unit)) continue;
      const value = readNumber(fig);
      if (value === null || !Number.isInteger(value)) continue;
      const end = m.index + m[0].length;
      if (APPROX_AFTER.test(piece.prep.slice(end))) continue;
      if (!shared(m.index, p.application)) continue;
      if (p.accept && !p.accept(m, piece, ctx)) continue;
      const st: Statement = {
        kind: p.kind,
        value,
        quote: piece.text.slice(m.index, end),
        sentence: piece.text,
        section: para.section,
        src: para.src,
      };
      const subject = p.subject?.(m);
      if (subject) st.subject = subject;
      found.push({ at: m.index, st });
    }
  }

  for (const re of applications ? NO_APPLICATIONS : []) {
    re.lastIndex = 0;
    for (let m = re.exec(piece.prep); m; m = re.exec(piece.prep)) {
      if (!shared(m.index, true)) continue;
      // A bare 未收到申请 (no 政府信息公开) only counts in a paragraph about disclosure applications.
      if (re === NO_APPLICATIONS[0] && m[1] === undefined && !/提出的/.test(m[0]) && !mentionsDisclosure(ctx.paragraph)) continue;
      found.push({
        at: m.index,
        st: { kind: 'no-applications', value: 0, quote: piece.text.slice(m.index, m.index + m[0].length), sentence: piece.text, section: para.section, src: para.src },
      });
    }
  }

  found.sort((a, b) => a.at - b.at);
  for (const f of found) out.push(f.st);
}

// ---------------------------------------------------------------------------------------------
// Stated totals: 共…904条，其中…77条…438条…

interface Token {
  start: number;
  end: number;
  value: number;
  unit: string | null;
}

const UNIT = '(件|条|个|次|起|篇|项|份|期|宗|家|场|批|户|部|万元|元)';
const TOKEN_RE = new RegExp(`(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?![\\d.])\\s*(?:${UNIT})?|(?<![${CN_NUMERAL_CHARS}])([${CN_NUMERAL_CHARS}]+)\\s*${UNIT}`, 'g');

/** Every figure of a prepared text: arabic ones with or without a unit, Chinese ones with a unit. */
function tokens(prep: string, offset = 0): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(prep); m; m = TOKEN_RE.exec(prep)) {
    const fig = m[1] ?? m[3] ?? '';
    const value = readNumber(fig);
    if (value === null) {
      if (m[1] !== undefined) out.push({ start: offset + m.index, end: offset + m.index + m[0].length, value: NaN, unit: null });
      continue;
    }
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, value, unit: m[2] ?? m[4] ?? null });
  }
  return out;
}

const TOTAL_WORD = /共|合计|总计|累计|总共/;
const LIST_SEP = /[，,、；;]/;
const NESTED_START = /^(?:包括|包含)/;
/**
 * Words of a later stage of handling. A part that names one the total does not has left the
 * breakdown: `共收到申请156件，其中网上申请100件，信函申请56件，办结150件`.
 */
const STAGE = /办结|结转|答复|办理|纠错|纠正|维持|败诉|转办|退回/g;
const stagesOf = (s: string): string[] => s.match(STAGE) ?? [];

/** A list that says it is not complete: 主要、重点、等. */
const PARTIAL = /^(?:主要|重点|较多|最多)|等$|等等|\.\.\.|…/;

interface Item {
  text: string;
  prep: string;
  /** offset in the paragraph */
  start: number;
  /** the separator before the item: '' for the first */
  sep: string;
}

function listItems(para: string, prep: string, start: number, end: number): Item[] {
  const items: Item[] = [];
  let from = start;
  let sep = '';
  for (let i = start; i <= end; i++) {
    const c = i < end ? prep.charAt(i) : '';
    const isSep = i === end || (LIST_SEP.test(c) && !(c === ',' && /\d/.test(prep.charAt(i + 1)) && /\d/.test(prep.charAt(i - 1))));
    if (!isSep) continue;
    const s = span(para, prep, from, i);
    if (s) items.push({ text: s.text, prep: s.prep, start: s.start, sep });
    sep = c;
    from = i + 1;
  }
  return items;
}

/** The one figure of a list item, or a reason to give up. */
function itemFigure(item: Item): Token | 'none' | 'many' {
  const t = tokens(item.prep, item.start);
  if (t.length === 0) return 'none';
  if (t.length > 1) return 'many';
  return t[0] ?? 'none';
}

interface Part {
  token: Token;
  item: Item;
  nested: Token[];
}

/** A sentence that is nothing but a list of figures in one unit: `微信公众号438条、视频号81条`. */
function pureList(para: string, prep: string, sent: Span, unit: string): Token[] | null {
  if (TOTAL_WORD.test(sent.prep) || /其中|包括|包含/.test(sent.prep) || COMPARISON.test(sent.prep) || aboutOtherYear(sent.prep)) return null;
  const items = listItems(para, prep, sent.start, sent.start + sent.text.length);
  if (items.length === 0) return null;
  const out: Token[] = [];
  for (const it of items) {
    const f = itemFigure(it);
    if (f === 'none' || f === 'many' || f.unit !== unit || Number.isNaN(f.value)) return null;
    if (PARTIAL.test(it.prep)) return null;
    out.push(f);
  }
  return out;
}

/**
 * Stated totals of one full sentence. Returns how many following sentences were consumed as the
 * continuation of its list (0 or 1).
 */
function readTotals(para: ProsePara, text: string, prep: string, sentences: Span[], si: number, out: Statement[]): number {
  const sent = sentences[si];
  if (!sent) return 0;
  let consumed = 0;
  const pieces = splitSpans(text, prep, sent.start, sent.start + sent.text.length, PIECE_STOP);
  for (let pi = 0; pi < pieces.length; pi++) {
    const piece = pieces[pi];
    if (!piece) continue;
    const k = piece.prep.indexOf('其中');
    if (k < 0 || piece.prep.indexOf('其中', k + 2) >= 0) continue;
    if (yearsNamed(piece.text) > 1) continue;
    // The total: the figure right before 其中, with a total word earlier in its clause.
    const head = piece.prep.slice(0, k).replace(/[，,：:\s]+$/, '');
    const headTokens = tokens(head, piece.start);
    const total = headTokens[headTokens.length - 1];
    if (!total || total.unit === null || Number.isNaN(total.value) || total.end !== piece.start + head.length) continue;
    const clauseStart = Math.max(head.search(/[^，,；;：:]*$/), 0);
    const clause = head.slice(clauseStart);
    if (!TOTAL_WORD.test(clause.slice(0, total.start - piece.start - clauseStart))) continue;
    if (total.start - piece.start > firstComparison(piece.prep) || aboutOtherYear(clause)) continue;

    const listStart = piece.start + k + 2;
    const listEnd = piece.start + piece.text.length;
    const lead = /^[\s，,：:]*/.exec(prep.slice(listStart, listEnd))?.[0].length ?? 0;
    if (PARTIAL.test(prep.slice(listStart + lead, listEnd))) continue;
    const items = listItems(text, prep, listStart + lead, listEnd);
    const stages = new Set(stagesOf(clause));
    if (items.some((it) => stagesOf(it.prep).some((w) => !stages.has(w)))) continue;
    const parsed = parseList(items, total.unit);
    if (parsed === null) continue;
    const { parts } = parsed;
    let { openNested, ended } = parsed;

    // A list cut by ； may go on in the next piece: if that piece has figures in the same unit,
    // the list is not known to be complete.
    if (pi < pieces.length - 1) {
      const rest = pieces.slice(pi + 1);
      if (rest.some((p) => tokens(p.prep).some((t) => t.unit === total.unit))) continue;
      openNested = false;
    }

    let sentenceEnd = sent.start + sent.text.length;
    // Seed 000: the nested 包括-list ran to the full stop, and the next sentence carries on with
    // the remaining parts of the 其中-list: `…政务公开工作措施1条。微信公众号“羊亭在线”438条、…`.
    if (openNested && !ended && pi === pieces.length - 1) {
      const next = sentences[si + 1];
      const more = next ? pureList(text, prep, next, total.unit) : null;
      if (next && more) {
        for (const t of more) parts.push({ token: t, item: { text: '', prep: '', start: t.start, sep: '、' }, nested: [] });
        sentenceEnd = next.start + next.text.length;
        consumed = 1;
        ended = true;
      }
    }

    const sentenceText = text.slice(sent.start, sentenceEnd);
    const top = parts.map((p) => p.token.value);
    if (top.length >= 2 && top.every((v) => v <= total.value)) {
      out.push({
        kind: 'stated-total',
        value: total.value,
        quote: text.slice(piece.start + clauseStart, total.end).trim(),
        sentence: sentenceText,
        section: para.section,
        src: para.src,
        parts: top,
      });
    }
    for (const p of parts) {
      const sub = p.nested.map((t) => t.value);
      if (sub.length < 2 || !sub.every((v) => v <= p.token.value)) continue;
      out.push({
        kind: 'stated-total',
        value: p.token.value,
        quote: text.slice(p.item.start, p.token.end).trim(),
        sentence: sent.text,
        section: para.section,
        src: para.src,
        parts: sub,
      });
    }
  }
  return consumed;
}

/**
 * The items after 其中: top-level parts, each optionally followed by a 包括-list (items joined
 * by 、) that details it. Gives up (null) on anything that makes the grouping uncertain.
 */
function parseList(items: Item[], unit: string): { parts: Part[]; openNested: boolean; ended: boolean } | null {
  const parts: Part[] = [];
  let nested: Part | null = null;
  let nestedClosed = false;
  let ended = false;
  for (const it of items) {
    if (COMPARISON.test(it.prep) || aboutOtherYear(it.prep) || /其中/.test(it.prep) || /[（(][^）)]*\d/.test(it.prep)) return null;
    if (/等$|等等/.test(it.prep)) return null;
    const f = itemFigure(it);
    if (ended) {
      if (f !== 'none') return null; // figures after a break in the list: unclear
      continue;
    }
    if (f === 'many') return null;
    if (f !== 'none' && (f.unit !== unit || Number.isNaN(f.value))) return null;
    if (NESTED_START.test(it.prep)) {
      const last = parts[parts.length - 1];
      if (f === 'none' || !last || nested !== null || nestedClosed || last.nested.length > 0) return null;
      nested = last;
      nested.nested.push(f);
      continue;
    }
    if (nested !== null) {
      if (it.sep === '、') {
        if (f === 'none') return null;
        nested.nested.push(f);
        continue;
      }
      // A 包括-list closed by ， with more of the sentence after it: is the next item a part of
      // the 包括-list or of the 其中-list? Unknown, so give up if it holds a figure.
      nested = null;
      nestedClosed = true;
    }
    if (f === 'none') {
      ended = true;
      continue;
    }
    if (nestedClosed) return null;
    parts.push({ token: f, item: it, nested: [] });
  }
  return { parts, openNested: nested !== null, ended };
}

// ---------------------------------------------------------------------------------------------

/** A page marker of PDF text: `— 2 —`, `-4-`. */
const PAGE_MARKER = /^[\s\-—–－]*\d{1,3}[\s\-—–－]*$/;
/** A line that starts a heading or a numbered item: never the rest of a wrapped line. */
const ITEM_START = /^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．](?!\d))/;
/** A line long enough to have been wrapped (headings and labels are shorter). */
const WRAPPED_MIN = 16;

/**
 * Text converted from PDF keeps the page's line breaks: `市政府共受理政府信息公开申请 1295 件，办结 1191 件（含`
 * / `上年结转 189 件），均在法定期限内答复。`. Consecutive text lines of one section are joined when
 * the first is long and stops mid-sentence (no 。；：) and the next starts no heading or item;
 * page markers between them are dropped. The joined paragraph keeps the first line's source.
 */
function joinWrapped(paras: ProsePara[]): ProsePara[] {
  const out: ProsePara[] = [];
  let last: { para: ProsePara; line: number } | null = null;
  for (const para of paras) {
    const src = para.src;
    const text = para.text.trim();
    if (src?.kind === 'text' && last && src.line === last.line + 1 && PAGE_MARKER.test(text)) {
      last.line = src.line;
      continue;
    }
    const prev = last?.para;
    if (
      src?.kind === 'text' &&
      last &&
      prev &&
      src.line === last.line + 1 &&
      para.section === prev.section &&
      prev.text.length >= WRAPPED_MIN &&
      !/[。！？!；;：:]\s*$/.test(prev.text) &&
      !ITEM_START.test(text) &&
      text !== ''
    ) {
      const joined: ProsePara = { ...prev, text: prev.text.trimEnd() + text };
      out[out.length - 1] = joined;
      last = { para: joined, line: src.line };
      continue;
    }
    out.push(para);
    last = src?.kind === 'text' ? { para, line: src.line } : null;
  }
  return out;
}

/** Statements of figures in the prose, in document order. */
export function readStatements(paras: ProsePara[]): Statement[] {
  const out: Statement[] = [];
  for (const para of joinWrapped(paras)) {
    const text = normalizeText(para.text);
    if (text === '' || !/[\d零〇一二两三四五六七八九十百千万]|未|无|没/.test(text)) continue;
    const prep = prepare(text);
    const sentences = splitSpans(text, prep, 0, text.length, FULL_STOP);
    const paragraph = prep;
    for (let si = 0; si < sentences.length; si++) {
      const sent = sentences[si];
      if (!sent) continue;
      const ctx: Ctx = { para, sentence: sent.prep, paragraph };
      for (const piece of splitSpans(text, prep, sent.start, sent.start + sent.text.length, PIECE_STOP)) readPiece(piece, ctx, out);
      si += readTotals(para, text, prep, sentences, si, out);
    }
  }
  return dedupe(out);
}

function dedupe(list: Statement[]): Statement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = JSON.stringify([s.kind, s.value, s.quote, s.sentence, s.src, s.parts ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
