/**
 * Text folding for report cells, labels and prose.
 *
 * Real pages are Word exports, PDF text, traditional-character mirrors and text dumps: the same
 * label arrives as `[bookmark: _Hlk66973412]一、本年新收…`, `(三) 不予公开`, `结果维 持`,
 * `本年新收政府信息公開申請數(shù)量`. `normalizeText` makes any text comparable without changing
 * what it says; `labelKey` goes further and reduces a label to a dense matching key.
 *
 * Not a plain `normalize('NFKC')`: NFKC would also turn （），：；？ into ASCII and ① into 1, and
 * the template's labels are written with those Chinese marks. So each fold is done on purpose.
 */

/** Word/PDF-to-text artefacts that show up as literal text: `[bookmark: _Hlk66973412]`, `[image: 1a42…]`. */
const EDITOR_ARTEFACT = /\[(?:bookmark|image):[^\]]*\]/gi;

/** Invisible characters that only break matching: zero-width space/joiners, word joiner, BOM, soft hyphen, LRM/RLM. */
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD]/g;

/** Every space-like character (NBSP from `&nbsp;`, U+3000 padding, thin spaces, line breaks, tabs). */
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0085]+/g;

/**
 * PDF text often carries Kangxi radicals (`⼀` U+2F00 for 一), radicals of the CJK Radicals
 * Supplement and CJK compatibility ideographs instead of the ordinary characters.
 */
const CJK_LOOKALIKES = /[\u2E80-\u2FDF\uF900-\uFAFF]/g;

/**
 * CJK fonts draw 民 and the radical ⺠ with one glyph, and a PDF's ToUnicode map often names the
 * radical: pdfjs then gives `人⺠政府`, `⻚`, `⻓`. NFKC folds the Kangxi radicals (U+2F00–U+2FDF)
 * back but only two of the CJK Radicals Supplement (U+2E80–U+2EFF), so those are mapped here
 * to the ideograph they stand for (Unicode's EquivalentUnifiedIdeograph.txt, simplified
 * forms as printed in simplified-Chinese fonts), pairs `radical ideograph`.
 */
const RADICAL_PAIRS =
  '⺁厂⺄乙⺅亻⺆冂⺇几⺉刂⺊卜⺌小⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺦丬⺧牛⺨犭⺩王⺪疋⺫目⺬示⺭礻⺮竹⺯糸⺰纟⺱罓⺲罒⺶羊⺷羊⺹耂⺺肀⺻聿⺼肉⺽臼⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻕阜⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟';
const RADICALS: ReadonlyMap<string, string> = new Map(
  Array.from({ length: RADICAL_PAIRS.length / 2 }, (_, i) => [RADICAL_PAIRS.charAt(2 * i), RADICAL_PAIRS.charAt(2 * i + 1)] as const),
);
const lookalike = (c: string): string => RADICALS.get(c) ?? c.normalize('NFKC');

/** Radicals and compatibility ideographs → the ordinary characters; nothing else changes (no trimming, no spaces). */
export function unRadicalise(s: string): string {
  return s.replace(CJK_LOOKALIKES, lookalike);
}

/**
 * Full-width forms U+FF01–U+FF5E that are folded to ASCII: digits, letters and the symbols that
 * live inside numbers and codes. The Chinese punctuation the labels are written with —
 * （）！，：；？［］｛｝～＂＇ — is left alone (`，` only becomes `,` between digits, see below).
 */
const FULLWIDTH_FOLDED = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A＃＄％＆＊＋－．／＜＝＞＠＼＾＿｀｜]/g;

/** `1，234` is a thousands separator typed with the Chinese comma. */
const CHINESE_COMMA_IN_NUMBER = /(\d)，(?=\d)/g;

/** Removing one artefact can close up another (`[book[image: x]mark: y]`): repeat until none is left. */
function removeArtefacts(s: string): string {
  if (!s.includes('[')) return s;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(EDITOR_ARTEFACT, '');
  }
  return s;
}

/**
 * Text that none of the folds below would change: printable ASCII without `[` and ordinary Han
 * characters, no leading, trailing or doubled space. Most cells (`0`, `156`, labels) are like this,
 * and the engine normalises every cell and line several times, so this is worth a fast path.
 */
const ALREADY_CLEAN = /^(?:[\x21-\x5a\x5c-\x7e\u4e00-\u9fff（）、。：；“”《》]| (?! ))*$/;

/** Repeated texts (labels, `0`) are normalised once; the cache is dropped when it grows large. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 4000;

export function normalizeText(s: string): string {
  if (s.length < 200) {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const out = ALREADY_CLEAN.test(s) && !s.startsWith(' ') && !s.endsWith(' ') ? s : fold(s);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(s, out);
    return out;
  }
  return fold(s);
}

function fold(s: string): string {
  const folded = s
    .replace(CJK_LOOKALIKES, lookalike)
    .replace(INVISIBLE, '')
    .replace(FULLWIDTH_FOLDED, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(SPACES, ' ');
  return removeArtefacts(folded)
    .replace(CHINESE_COMMA_IN_NUMBER, '$1,')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Traditional → simplified for every character that occurs in the template's labels, headers and
 * section headings (both versions), plus the words the prose checks look for (件 条 办结 结转 …).
 * Built from OpenCC's TSCharacters (with its TW/HK variant forms such as 爲 裏 衆) restricted to
 * those characters; one-to-many readings (乾/干, 隻/只) that never occur in a label are left out.
 * Written as pairs `繁简` so the table stays easy to read and extend.
 */
const T2S_PAIRS = [
  '並并 佈布 併并 來来 侷局 係系 個个 們们 傳传 價价 優优 內内 動动 務务 區区 協协',
  '員员 問问 單单 國国 園园 圖图 團团 執执 報报 學学 實实 審审 將将 專专 對对 層层',
  '屬属 廢废 廳厅 強强 後后 從从 復复 徵征 態态 應应 戶户 採采 據据 數数 於于 時时',
  '書书 會会 東东 條条 業业 極极 構构 標标 樣样 機机 權权 歷历 歸归 氣气 決决 沒没',
  '況况 減减 準准 為为 無无 營营 爲为 獲获 現现 環环 產产 産产 當当 療疗 發发 監监',
  '眾众 確确 祕秘 稅税 稱称 積积 穩稳 穫获 節节 範范 糾纠 納纳 級级 組组 結结 統统',
  '經经 綜综 綫线 維维 網网 線线 縣县 總总 織织 繫系 繳缴 繼继 續续 罰罚 聯联 聽听',
  '臨临 臺台 與与 舉举 華华 萬万 處处 號号 衆众 術术 衛卫 裏里 補补 裡里 製制 複复',
  '規规 覽览 訂订 計计 訊讯 訟讼 訪访 設设 許许 訴诉 註注 証证 詢询 話话 認认 說说',
  '説说 請请 證证 議议 護护 讀读 變变 負负 財财 費费 資资 質质 購购 轉转 辦办 這这',
  '進进 過过 郵邮 鄉乡 醫医 鎭镇 鎮镇 長长 門门 開开 間间 閱阅 閲阅 關关 陽阳 隨随',
  '電电 響响 頁页 項项 題题 額额 類类 體体 點点 黨党 衞卫',
  // Taiwan writes 反复 as 反覆. 覆 is also a simplified character (覆盖), but no label uses it.
  '覆复',
];

const T2S: ReadonlyMap<string, string> = new Map(
  T2S_PAIRS.join(' ')
    .split(' ')
    .map((pair) => [pair.charAt(0), pair.charAt(1)] as const),
);

const TRADITIONAL = new RegExp(`[${[...T2S.keys()].join('')}]`, 'g');

/** Traditional characters of the template's vocabulary → simplified; everything else unchanged. */
export function toSimplified(s: string): string {
  return s.replace(TRADITIONAL, (c) => T2S.get(c) ?? c);
}

/**
 * Mirror sites insert pinyin after characters: `區(qū)`, `數(shù)量`. A parenthesised run of
 * lower-case latin letters (with tone marks, precomposed or combining) right after a Han
 * character is dropped. Upper case is kept so that `(PDF)` and the like survive.
 */
const PINYIN_AFTER_HAN =
  /(\p{Script=Han})\s?[(（][a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ\u0300-\u036F]+[)）]/gu;

export function stripPinyin(s: string): string {
  return s.replace(PINYIN_AFTER_HAN, '$1');
}

const CN_NUMERAL = '[一二三四五六七八九十]{1,3}';

/**
 * A numbering prefix: `一、` `（一）` `(一)` `1.` `1、` `（1）` `1)`. The dot after an arabic
 * number must not be followed by a digit, so `1.5万元` is a decimal, not item 1. `第一` is not
 * numbering (it is part of labels such as 第二十条第（一）项).
 */
const NUMBERING = new RegExp(
  `^(?:[（(]\\s*(${CN_NUMERAL}|\\d{1,2})\\s*[）)]` +
    `|(${CN_NUMERAL})\\s*[、.]` +
    `|(\\d{1,2})\\s*(?:[、)）]|\\.(?!\\d)))\\s*`,
);

/** Splits a leading numbering prefix off `s`; `rest` is normalised. `ordinal` is the bare numeral: `（三）` → `三`. */
export function stripNumbering(s: string): { ordinal: string | null; rest: string } {
  const text = normalizeText(s);
  const m = NUMBERING.exec(text);
  if (!m) return { ordinal: null, rest: text };
  return { ordinal: m[1] ?? m[2] ?? m[3] ?? null, rest: text.slice(m[0].length) };
}

/** Whitespace, punctuation, brackets and symbols: none of them tells two labels apart. */
const NOT_KEY = /[\p{P}\p{S}\p{Z}\s]/gu;

/**
 * A dense key for matching labels: `[bookmark: _Hlk1]一、本年新收政府信息公開申請數(shù)量` and
 * `本年新收政府信息公开申请数量` give the same key. Numbering is dropped because pages renumber or
 * lose it; the text of the label is what identifies the row.
 */
const keyCache = new Map<string, string>();

export function labelKey(s: string): string {
  const hit = keyCache.get(s);
  if (hit !== undefined) return hit;
  // Mirrors converted to Taiwan usage write 文件 as 檔案 and 信息 as 資訊 (`規範性檔案`).
  const text = stripPinyin(toSimplified(normalizeText(s).replace(/檔案/g, '文件').replace(/資訊/g, '信息')));
  const key = stripNumbering(text).rest.replace(NOT_KEY, '');
  if (keyCache.size >= CACHE_LIMIT) keyCache.clear();
  if (s.length < 200) keyCache.set(s, key);
  return key;
}

/**
 * `normalizeText`, then traditional → simplified and pinyin dropped: how the title, the body's
 * name and the publication date are looked for in a page's first paragraphs. Several readers fold
 * the same paragraphs, so the last few hundred are kept (each at most a few thousand characters).
 */
const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 256;
const FOLD_CACHE_MAX_LENGTH = 4000;

export function foldedText(s: string): string {
  const hit = foldCache.get(s);
  if (hit !== undefined) return hit;
  const out = stripPinyin(toSimplified(normalizeText(s)));
  if (s.length <= FOLD_CACHE_MAX_LENGTH) {
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(s, out);
  }
  return out;
}
