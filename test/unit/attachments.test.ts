import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findAttachments } from '../../src/extract/attachments';

const page = (body: string): Document => {
  const { document } = parseHTML(`<!doctype html><html><head><base href="http://www.example.gov.cn/col/art.html"></head><body>${body}</body></html>`);
  return document as unknown as Document;
};

describe('report attachments on a page', () => {
  it('finds Word and PDF links that look like the report, absolute, without duplicates', () => {
    const doc = page(`
      <a href="/upload/2024年政府信息公开工作年度报告.pdf">附件：2024年年度报告</a>
      <a href="files/nb.docx">某某镇政府信息公开年报（Word版）</a>
      <a href="/upload/2024年政府信息公开工作年度报告.pdf">重复</a>
      <a href="/download?id=3.pdf&x=1">下载</a>
      <a href="/doc/通知.pdf">关于开展培训的通知</a>
      <a href="old.doc">2023年年报（旧版Word）</a>`);
    expect(findAttachments(doc, false)).toEqual([
      { url: 'http://www.example.gov.cn/upload/2024%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf', text: '附件：2024年年度报告', kind: 'pdf' },
      { url: 'http://www.example.gov.cn/col/files/nb.docx', text: '某某镇政府信息公开年报（Word版）', kind: 'docx' },
      { url: 'http://www.example.gov.cn/col/old.doc', text: '2023年年报（旧版Word）', kind: 'doc' },
    ]);
  });
  it('on a report page, any attached Word or PDF file counts', () => {
    const doc = page(`<a href="/download?id=3.pdf">下载附件</a>`);
    expect(findAttachments(doc, true).map((a) => a.kind)).toEqual(['pdf']);
    expect(findAttachments(doc, false)).toEqual([]);
  });
});
