import { createDeflateRaw } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WordFileError, convertDocx, zipInflatedBounded, zipInflatedSize } from '../../src/extract/docx';
import { MAX_DOCX_INFLATED_BYTES } from '../../src/extract/limits';

// Issue 16: a ZIP (.docx) whose headers understate its sizes. The central directory and the local
// header say word/document.xml is 2 KB; its deflate stream really inflates to 300 MB. The declared
// sizes pass the first check; the inflate itself must stop at the limit, before mammoth (whose
// JSZip inflates a whole entry first) ever sees the file. Built here, in memory: no binary committed.

const INFLATED = 300_000_000;
const DECLARED = 2_048;

/** A raw deflate stream of `total` bytes of spaces, made a megabyte at a time (never held inflated). */
function deflatedSpaces(total: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    z.on('data', (c: Buffer) => out.push(c));
    z.on('end', () => resolve(Buffer.concat(out)));
    z.on('error', reject);
    const mb = Buffer.alloc(1_000_000, 0x20);
    let left = total;
    const pump = (): void => {
      while (left > 0) {
        left -= mb.length;
        if (!z.write(mb)) return void z.once('drain', pump);
      }
      z.end();
    };
    pump();
  });
}

interface Entry {
  name: string;
  method: 0 | 8;
  data: Buffer;
  /** the uncompressed size the headers claim */
  declared: number;
}

/** A ZIP with these entries, sizes as declared (CRCs zero: nothing here gets as far as checking them). */
function zip(entries: Entry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const stored = (name: string, text: string): Entry => {
  const data = Buffer.from(text, 'utf8');
  return { name, method: 0, data, declared: data.length };
};

async function lyingDocx(): Promise<Uint8Array> {
  return zip([
    stored('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    stored('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    { name: 'word/document.xml', method: 8, data: await deflatedSpaces(INFLATED), declared: DECLARED },
  ]);
}

describe('a .docx whose headers lie about its sizes', () => {
  it('the crafted file: under a megabyte, headers claiming a few KB, a deflate stream of 300 MB', async () => {
    const bytes = await lyingDocx();
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(zipInflatedSize(bytes)).toBeLessThan(10_000);
  }, 30_000);

  it('the real inflated size is counted as it inflates and the inflate stops at the limit', async () => {
    const bytes = await lyingDocx();
    const counted = await zipInflatedBounded(bytes, MAX_DOCX_INFLATED_BYTES);
    expect(counted).toBeGreaterThan(MAX_DOCX_INFLATED_BYTES);
    // stopped a chunk past the limit, not at the 300 MB the stream holds
    expect(counted).toBeLessThan(MAX_DOCX_INFLATED_BYTES + 1_000_000);
    // a small limit stops as early
    const small = await zipInflatedBounded(bytes, 5_000_000);
    expect(small).toBeGreaterThan(5_000_000);
    expect(small).toBeLessThan(6_000_000);
  }, 30_000);

  it('is refused with a Chinese reason that says the unpacking was stopped and the headers did not match', async () => {
    const bytes = await lyingDocx();
    const err = await convertDocx(bytes, { name: 'bomb.docx' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WordFileError);
    const reason = (err as WordFileError).reason;
    expect((err as WordFileError).code).toBe('unreadable');
    expect(reason.zh).toBe('「bomb.docx」解压后过大（超过 100 MB，而文件头所记大小只有 3 KB，文件可能经过篡改），已停止解压，未读取');
    expect(reason.en).toContain('unpacking was stopped');
  }, 30_000);

  it('an honest file is counted in full: stored and deflated entries, what they really hold', async () => {
    const text = '<w:document>'.padEnd(50_000, ' ') + '</w:document>';
    const deflated = await new Promise<Buffer>((resolve, reject) => {
      const z = createDeflateRaw();
      const out: Buffer[] = [];
      z.on('data', (c: Buffer) => out.push(c));
      z.on('end', () => resolve(Buffer.concat(out)));
      z.on('error', reject);
      z.end(Buffer.from(text));
    });
    const bytes = zip([stored('a.xml', 'abc'), { name: 'word/document.xml', method: 8, data: deflated, declared: text.length }]);
    expect(await zipInflatedBounded(bytes, MAX_DOCX_INFLATED_BYTES)).toBe(3 + text.length);
    expect(await zipInflatedBounded(new Uint8Array([1, 2, 3]), MAX_DOCX_INFLATED_BYTES)).toBeNull();
  });
});
