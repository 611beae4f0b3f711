import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main';
const FIX = 'test/fixtures/html';
const PAGES = readdirSync(FIX).filter((f) => f.endsWith('.html')).sort().map((f) => join(FIX, f));
const inputs = Array.from({ length: 40 }, (_, i) => PAGES[i % PAGES.length] ?? '');
const out: string[] = []; const err: string[] = [];
const code = await main(['--csv', ...inputs], (s) => out.push(s), (s) => err.push(s), { threads: 1, poolMinFiles: 10 });
console.log(code, PAGES.length, out.join('\n').split('\n').length, err.join('\n').slice(0, 1500));
