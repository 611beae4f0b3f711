import { describe, expect, it } from 'vitest';
import { bodyKey, bodyLevel } from '../../src/model/body';
import { findMeta } from '../../src/recognise/meta';

describe('the issuing body: level and a key that survives naming drift', () => {
  const cases: { name: string; key: string | null; level: string | null; why: string }[] = [
    { name: '威海市环翠区人民政府', key: '环翠区', level: 'county', why: 'seed 004 title' },
    { name: '环翠区政府', key: '环翠区', level: 'county', why: 'the same body, shorter' },
    { name: '环翠区', key: '环翠区', level: 'county', why: 'the same body, bare' },
    { name: '威海市环翠区羊亭镇', key: '羊亭镇', level: 'township', why: 'seed 000 intro' },
    { name: '威海市文登区界石镇人民政府', key: '界石镇', level: 'township', why: 'seed 002 title' },
    { name: '海阳市二十里店镇', key: '二十里店镇', level: 'township', why: 'seed 003 title' },
    { name: '某某县住房和城乡建设局', key: '某某县住房和城乡建设局', level: 'department', why: 'a department keeps its whole name' },
    { name: '威海市人民政府', key: '威海市', level: 'city', why: 'a city government' },
    { name: '山东省人民政府', key: '山东省', level: 'province', why: 'a province keeps its name' },
    { name: '某某街道办事处', key: '某某街道办事处', level: 'township', why: 'a sub-district office' },
  ];
  for (const c of cases) {
    it(`${c.name} (${c.why})`, () => {
      expect(bodyKey(c.name)).toBe(c.key);
      expect(bodyLevel(c.name)).toBe(c.level);
    });
  }
  it('no name, no key', () => {
    expect(bodyKey(null)).toBeNull();
    expect(bodyLevel(null)).toBeNull();
  });
});

describe('report meta: period and publication date', () => {
  it('reads 统计期限 and a 发布日期 line', () => {
    const m = findMeta(
      ['首页 > 政府信息公开年报', '发布日期：2025-01-21 来源：某某区人民政府', '某某区2024年政府信息公开工作年度报告', '本报告中所列数据统计期限从2024年1月1日到12月31日止。'],
      null,
    );
    expect(m).toMatchObject({ year: 2024, periodYear: 2024, published: '2025-01-21', body: '某某区' });
  });
  it('reads a dated signature line at the end', () => {
    const m = findMeta(['海青镇2023年政府信息公开工作年度报告', '正文', '海青镇人民政府', '2024年1月20日'], null);
    expect(m.published).toBe('2024-01-20');
  });
});

// Title forms of real reports (test/corpus web-033, web-038, web-047) the reader once missed:
// no body and no year came out, so no series, no last-year comparison, no year checks.
describe('titles as real pages print them', () => {
  const meta = (...lines: string[]): { title: string | null; body: string | null; year: number | null } => {
    const m = findMeta(lines, null);
    return { title: m.title, body: m.body, year: m.year };
  };
  it('政府 left out: `大路镇人民政府2019年信息公开年度报告` (web-047)', () => {
    expect(meta('大路镇人民政府2019年信息公开年度报告', '发布日期:2020-01-20 17:08 来源: 分享到:')).toEqual({ title: '大路镇人民政府2019年信息公开年度报告', body: '大路镇人民政府', year: 2019 });
  });
  it('政务 for 政府, 开展 inside, after a spaced-out field label with no colon (web-033)', () => {
    expect(meta('标      题 西藏自治区审计厅2025年政务信息公开工作开展年度报告', '索引号 000014349/2026-00021 文      号')).toEqual({
      title: '西藏自治区审计厅2025年政务信息公开工作开展年度报告',
      body: '西藏自治区审计厅',
      year: 2025,
    });
  });
  it('a title broken over two lines after the year and body (web-038)', () => {
    expect(meta('2023年上海市黄浦区人民政府打浦桥街道办事处', '政府信息公开工作年度报告', '2023年,按照市、区政府的统一部署,打浦桥街道认真贯彻…')).toEqual({
      title: '2023年上海市黄浦区人民政府打浦桥街道办事处政府信息公开工作年度报告',
      body: '上海市黄浦区人民政府打浦桥街道办事处',
      year: 2023,
    });
  });
  it('…but a breadcrumb above a whole title is not joined to it, nor a body line above a bare title', () => {
    expect(meta('当前位置：首页 > 政府信息公开 > 政府信息公开年报', '威海市环翠区羊亭镇2023年政府信息公开工作年度报告').body).toBe('威海市环翠区羊亭镇');
    expect(meta('威海市环翠区人民政府', '2024年政府信息公开工作年度报告')).toEqual({ title: '威海市环翠区人民政府2024年政府信息公开工作年度报告', body: '威海市环翠区人民政府', year: 2024 });
  });
});
