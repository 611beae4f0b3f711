// pdfjs: loading the library (once), its CJK character maps, and what a PDF that cannot be opened
// is called.

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsModule: Promise<PdfJs> | null = null;
export function pdfjs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

/**
 * Where pdfjs finds its CJK character maps (older Chinese PDFs use predefined CMaps such as
 * UniGB-UCS2-H with fonts that are not embedded; without the maps their text cannot be decoded).
 * Read from the installed package on disk in Node; never fetched from a CDN. null elsewhere.
 */
let cmapDir: Promise<string | null> | null = null;
export function nodeCMapDir(): Promise<string | null> {
  cmapDir ??= (async (): Promise<string | null> => {
    if (typeof process === 'undefined' || !process.versions?.node) return null;
    try {
      // a variable specifier: bundlers for the browser leave this Node-only import alone
      const nodeModule = 'node:module';
      const { createRequire } = (await import(/* @vite-ignore */ nodeModule)) as { createRequire(from: string): { resolve(id: string): string } };
      const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
      return pkg.replace(/package\.json$/, 'cmaps/');
    } catch {
      return null;
    }
  })();
  return cmapDir;
}

/** One line, both languages: what the caller shows for a PDF that cannot be opened. */
export function openError(e: unknown): Error {
  const name = e instanceof Error ? e.name : '';
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() ?? '';
  if (name === 'PasswordException') return new Error('PDF 已加密，需要密码才能打开 / the PDF is password-protected');
  if (name === 'InvalidPDFException' || /invalid pdf|pdf header|xref|startxref|trailer/i.test(detail)) {
    return new Error(`PDF 文件已损坏或不完整，无法打开 / the PDF is damaged or truncated (${detail || name || 'invalid'})`);
  }
  return new Error(`无法读取 PDF / the PDF cannot be read (${detail || name || 'unknown error'})`);
}
