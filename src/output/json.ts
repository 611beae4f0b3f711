import { CheckResultSchema, type CheckResultJson } from '../model/result';

/** The JSON text of a result, validated against its schema first (a bug here must not ship silently). */
export function toJson(result: CheckResultJson | CheckResultJson[], indent = 2): string {
  const list = Array.isArray(result) ? result : [result];
  for (const r of list) CheckResultSchema.parse(r);
  return JSON.stringify(result, null, indent);
}
