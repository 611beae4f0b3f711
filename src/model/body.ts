/**
 * The issuing body: its level (what it may lawfully do: only 设区的市 and above make 规章) and a
 * key that survives naming drift between years (威海市环翠区人民政府 / 环翠区政府 / 环翠区).
 */
export type Level = 'province' | 'city' | 'county' | 'township' | 'department';

const SUFFIXES = /(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府)$/;

/** 威海市环翠区人民政府 → 区 county; 海青镇 → township; 某某县住房和城乡建设局 → department. */
export function bodyLevel(name: string | null): Level | null {
  if (!name) return null;
  const n = name.replace(/\s+/g, '');
  if (/(局|委员会|委|办公室|办|厅|署|中心|院|部|所|站|队)$/.test(n) && !SUFFIXES.test(n)) return 'department';
  const core = n.replace(SUFFIXES, '');
  if (/(镇|乡|街道|街道办事处|苏木)$/.test(core)) return 'township';
  if (/(县|区|旗|县级市)$/.test(core)) return 'county';
  if (/(省|自治区)$/.test(core)) return 'province';
  if (/市$/.test(core)) return 'city';
  return null;
}

const PREFIX = /^.{1,8}?(?:省|自治区)/;

/**
 * A key for "the same body": suffixes such as 人民政府 dropped, and the parent divisions in front
 * of the last one (威海市环翠区 → 环翠区; 威海市环翠区羊亭镇 → 羊亭镇).
 */
export function bodyKey(name: string | null): string | null {
  if (!name) return null;
  const whole = name.replace(/\s+/g, '').replace(SUFFIXES, '');
  let n = whole.replace(PREFIX, '') || whole;
  // the last administrative division when the name is only divisions: 威海市环翠区羊亭镇 → 羊亭镇;
  // a department keeps its whole name (its division tells it apart from its namesakes)
  const parts = n.match(/.+?(?:自治州|自治县|地区|盟|市|区|县|旗|镇|乡|街道办事处|街道)/g);
  if (parts && parts.length > 1 && parts.join('') === n) n = parts[parts.length - 1] ?? n;
  return n || null;
}
