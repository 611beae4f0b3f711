import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { pictureNames } from '../../src/page/picture-names';

// A picture-only table is named by its place, its alt text and the heading before it, not by its
// file hash (issue 18, item 4). Cases as gov.cn pages have them (seed-002: headings in <p><span>,
// pictures without alt text in the next paragraph).
function doc(html: string): Document {
  const w = new Window();
  w.document.body.innerHTML = html;
  return w.document as unknown as Document;
}

describe('pictureNames', () => {
  it('names pictures by their place and the heading before them, not their file hash', () => {
    const d = doc(`
      <p><span>二、主动公开</span><span>政府信息情况</span></p>
      <p><img src="/picture/0/1a42de8b501dc40c74c314129b3f287.png" alt=""></p>
      <p>三、收到和处理政府信息公开申请情况</p>
      <p><img src="/picture/0/4042886c8a4d06fb66830d4829281d5.png?x=1"></p>`);
    expect(pictureNames(d, ['1a42de8b501dc40c74c314129b3f287.png', '4042886c8a4d06fb66830d4829281d5.png'])).toEqual([
      '第一张图片（位于“二、主动公开政府信息情况”之后）',
      '第二张图片（位于“三、收到和处理政府信息公开申请情况”之后）',
    ]);
  });

  it('gives the alt text when the picture has one', () => {
    const d = doc(`<h3>四、行政复议、行政诉讼情况</h3><div><img src="a.jpg" alt="表三 复议诉讼"></div>`);
    expect(pictureNames(d, ['表三 复议诉讼'])).toEqual(['第一张图片“表三 复议诉讼”（位于“四、行政复议、行政诉讼情况”之后）']);
  });

  it('speaks English in an English sidebar', () => {
    const d = doc(`<p>二、主动公开政府信息情况</p><p><img src="/p/1a42.png"></p>`);
    expect(pictureNames(d, ['1a42.png'], 'en')).toEqual(['picture 1 (after "二、主动公开政府信息情况")']);
  });

  it('keeps the engine’s name for a picture it cannot find in the page', () => {
    expect(pictureNames(doc('<p>x</p>'), ['第2页图片1'])).toEqual(['第2页图片1']);
  });
});
