import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The five seed reports: byte-for-byte copies of ../shared/seeds/ kept in the repository, so the
 * tests and the bench need nothing beside the clone (CI clones main alone).
 */
export const SEED_DIR = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

/** The text of the seed file `name` (e.g. '004_383c93ca4b8bd76d.txt'). */
export function seedText(name: string): string {
  return readFileSync(join(SEED_DIR, name), 'utf8');
}
