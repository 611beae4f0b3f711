/**
 * Expected findings for the five seeds (../shared/seeds), worked out by hand from FORMAT.md —
 * not copied from the program's output. Each entry is the finding id (`rule/anchor`) and its
 * severity; the reasoning is beside it.
 */
export interface SeedExpectation {
  file: string;
  /** the exit code the CLI must give */
  exit: 0 | 1;
  findings: { id: string; severity: 'error' | 'warning' | 'info' }[];
}

export const SEEDS: Record<string, SeedExpectation> = {
  // 000 羊亭镇 2023. 2021 layout (table 1 headers 本年制发件数…). Every figure is 0, so every
  // relation of hard rules 1–4 holds (0 = 0). Table 2's rows 6 (属于四类过程性信息) and 8
  // (属于行政查询事项) of 不予公开 lost their labels: each sits between two labelled rows with
  // exactly one template row free between them, so both are placed by position — all 25 rows
  // are read, and the lost labels are a structural warning each. The sub-heading
  // "（1） 主动公开政府信息情况" under 一 is not section 二; the real 二、 follows. No error.
  '000': {
    file: '000_09810aafb975b6d8.txt',
    exit: 0,
    findings: [
      { id: 'table-structure/row-placed-by-position:t2:withheld-6', severity: 'warning' },
      { id: 'table-structure/row-placed-by-position:t2:withheld-8', severity: 'warning' },
    ],
  },
  // 001 海青镇 2023. Cells padded with full-width spaces (`　　0`, ` 　0`, `0 `) are 0, not text.
  // All figures 0, every relation holds; sections 一…六 present (政府信息管理情况 etc. are
  // unnumbered sub-headings of 一). Nothing to report.
  '001': { file: '001_e9b0b4183da4b0c6.txt', exit: 0, findings: [] },
  // 002 界石镇 2023. The three tables are the two pictures under 二 and 四 ([image: …]); no table
  // text at all. Hard rule 6: the tables must be present and readable — one error saying they are
  // pictures. No arithmetic finding (nothing to add up). "5、 存在的主要问题…" is section 五 with
  // drifted numbering, so the sections are complete. CLI exits 1.
  '002': {
    file: '002_9f0a1b4247e150cc.txt',
    exit: 1,
    findings: [{ id: 'tables-present/image', severity: 'error' }],
  },
  // 003 二十里店镇 2021. Tab-separated rows. Table 3's value row has 16 numbers under the 15
  // columns: the report does not fit the template, reported (not silently trimmed) as an error.
  // The 15 columns read by position are all 0 and so are the extra; every sum holds. Section 四
  // uses the 2019 wording (因政府信息公开工作被申请行政复议、提起行政诉讼情况): still section 四.
  '003': {
    file: '003_c7cdc2898a3fcd12.txt',
    exit: 1,
    findings: [{ id: 'table-structure/cells-extra:t3:cases', severity: 'error' }],
  },
  // 004 环翠区 2024. Real figures. Row 一: 152+1+0+0+0+3 = 156; 二: 7 = 7; （七）总计 column sums:
  // 自然人 58+11+1+1+2+2+2+71+1+1 = 150, 其他 1+1+1 = 3, 总计 154; 四 = 9. Balance per column
  // (自然人 152+7 = 150+9, 商业企业 1+0 = 1+0, 其他 3+0 = 3+0, 总计 156+7 = 154+9 = 163).
  // Table 3: 复议 4+3+0+0 = 7, 直接起诉 1+0+4+0 = 5, 复议后起诉 0. Every hard rule holds.
  // Its prose, read against the tables: 新收156件 = row 一 156; 行政复议7件 = 复议总计 7; 纠错3件 =
  // 结果纠正 3; 行政诉讼案件5件 = 5 + 0; 废止8件 / 现行有效规范性文件16件 = table 1's 8 / 16 — all
  // agree; but 结转下年度继续办理7件 while row 四 总计 is 9: exactly one prose finding (a warning).
  '004': {
    file: '004_383c93ca4b8bd76d.txt',
    exit: 0,
    findings: [{ id: 'prose-figures/carried-forward:carried-forward.total', severity: 'warning' }],
  },
};
