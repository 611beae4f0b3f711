import * as z from 'zod/mini';
import { CheckResultSchema } from '../model/result';

/** JSON Schema of the result, generated from the zod schema (checked in as src/model/result.schema.json). */
export function resultJsonSchema(): unknown {
  return z.toJSONSchema(CheckResultSchema, { target: 'draft-2020-12' });
}
