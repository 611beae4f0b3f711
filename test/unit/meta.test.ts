// The body and year of a report, read from real lines of the corpus (test/corpus/cases): a title
// behind a crawler's field label, a title run into the text after it, a page title rewritten by
// spam, a title inside a sentence, the intro's 现公布…, the overview's first sentence.
import { describe, expect, it } from 'vitest';
import { findMeta } from '../../src/recognise/meta';

const meta = (...paras: string[]) => findMeta(paras, null);

describe('body and year from real lines', () => {
  it('a crawler field label before the title is not part of the body (full-001, 平潭)', () => {
    expect(meta('标题: 平潭综合实验区2023年度政府信息公开工作年度报告', '发布时间: 2024-03-08 15:34')).toMatchObject({ body: '平潭综合实验区', year: 2023 });
  });
  it('a title run into the text that follows (old-019, 清水县)', () => {
    const line = '清水县人民政府2019年 政府信息公开工作年度报告 一、总体情况 2019年,清水县政府信息公开工作以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、四中全会精神';
    expect(meta(line)).toMatchObject({ body: '清水县人民政府', year: 2019 });
  });
  it('spam written into a title keeps only the body after it, or nothing (web-006, old-021)', () => {
    expect(meta('结合我单位政府信息公开工作实际,现编制形成了《uedbet体育_uedbet官网@:西柳镇人民政府2023年政府信息公开工作年度报告》。').body).toBe('西柳镇人民政府');
    expect(meta('beat365官方网站大全_旧版彩票365下载_mobile365365051人民政府2019年政府信息公开工作年度报告').body).toBeNull();
  });
  it('a title inside a sentence: the body is what follows 现公布 (web-022, 桐梓县)', () => {
    expect(meta('根据《中华人民共和国政府信息公开条例》(国务院令第711号,以下简称《条例》)要求,现公布桐梓县人民政府2023年政府信息公开工作年度报告。').body).toBe('桐梓县人民政府');
  });
  it('the intro’s 现公布 and the overview’s first sentence name the body (local-010, txt-013)', () => {
    expect(meta('根据《中华人民共和国政府信息公开条例》规定,现公布区统计局2023年政府信息公开工作年度报告。本报告由总体情况…组成。').body).toBe('区统计局');
    expect(meta('本年度报告根据《中华人民共和国政府信息公开条例》相关要求编制。报告所列数据统计期限为2024年1月1日至12月31日。', '一、总体情况', '2024年,长春市人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导')).toMatchObject({
      body: '长春市人民政府办公厅',
      year: 2024,
    });
  });
  it('我局 and a notice about compiling the reports name no body (txt-006, old-002)', () => {
    expect(meta('2022年,我局坚持以习近平新时代中国特色社会主义思想为指导').body).toBeNull();
    expect(meta('按照《湖北省人民政府办公厅关于做好2019年政府信息公开工作年度报告编制和发布工作的通知》要求').body).toBeNull();
  });
  it('the year from 统计时限 as well as 统计期限 (web-020, traditional text)', () => {
    expect(meta('本报告中所列数据的统计时限为2021年1月1日至2021年12月31日。').year).toBe(2021);
  });
});
