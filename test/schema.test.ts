import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultJsonSchema } from '../src/output/json-schema';

describe('JSON Schema of the result', () => {
  it('the checked-in src/model/result.schema.json is what zod generates (run `npm run schema` after a model change)', () => {
    const file = JSON.parse(readFileSync(new URL('../src/model/result.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(file).toEqual(resultJsonSchema());
  });
});
