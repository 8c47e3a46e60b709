import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env.ts";

export type FormFields = Record<string, string | string[]>;

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** The posted form as strings (files dropped); malformed or non-form bodies are a 400, never a 500. */
export async function readForm(c: Context<AppEnv>): Promise<FormFields> {
  if (!FORM_TYPE.test(c.req.header("content-type") ?? "")) {
    throw new HTTPException(400, { message: "expected a form body (application/x-www-form-urlencoded)" });
  }
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new HTTPException(400, { message: "the form body could not be read" });
  }
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") fields[name] = value;
    else if (Array.isArray(value)) fields[name] = value.filter((v): v is string => typeof v === "string");
  }
  return fields;
}

/** One value of a field; the first when it was posted several times. */
export function field(fields: FormFields, name: string): string | undefined {
  const value = fields[name];
  return Array.isArray(value) ? value[0] : value;
}

export function fieldList(fields: FormFields, name: string): string[] {
  const value = fields[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
