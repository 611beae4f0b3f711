import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../src/check/glossary';
import { RULES } from '../../src/check/index';

const root = new URL('../../', import.meta.url);

/** Rule ids the cross-year checks give (they run beside RULES, over two reports): read from their source. */
function crossYearIds(): string[] {
  const dir = new URL('src/check/', root);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const ids = new Set<string>();
  for (const f of files) {
    if (!/cross-year|year-on-year|copied/.test(f)) continue;
    for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/\brule: '([a-z-]+)'|wholeReportWarning\('([a-z-]+)'/g)) if (m[1] ?? m[2]) ids.add(m[1] ?? m[2] ?? '');
  }
  return [...ids];
}

describe('the glossary of rules', () => {
  it('has one entry for every rule a finding can name, and none for a rule that does not exist', () => {
    const ids = [...RULES.map((r) => r.id), ...crossYearIds()].sort();
    expect(ids).toContain('carry-over');
    expect(GLOSSARY.map((g) => g.id).sort()).toEqual([...new Set(ids)].sort());
  });

  it('says each rule in Chinese and in English', () => {
    for (const g of GLOSSARY) {
      expect(g.text.zh, g.id).toMatch(/[\u4e00-\u9fff]/);
      expect(g.name.zh, g.id).toMatch(/[\u4e00-\u9fff]/);
      expect(g.text.en.length, g.id).toBeGreaterThan(10);
    }
  });

  it('is the README\'s 规则说明 table, row for row', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const block = readme.slice(readme.indexOf('### 规则说明'));
    const rows = block.split('\n').filter((l) => /^\| `[a-z-]+` \|/.test(l));
    expect(rows).toEqual(GLOSSARY.map((g) => `| \`${g.id}\` | ${g.name.zh} | ${g.text.zh} |`));
  });
});
