// Writes src/model/result.schema.json from the zod schema. A test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { resultJsonSchema } from '../src/output/json-schema';

const path = new URL('../src/model/result.schema.json', import.meta.url);
writeFileSync(path, JSON.stringify(resultJsonSchema(), null, 2) + '\n');
console.log(`wrote ${path.pathname}`);
