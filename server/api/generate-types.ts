import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "./openapi";

export const GENERATED_TYPES_PATH = "server/api/openapi-types.gen.ts";

const HEADER = "// Generated from /api/v1/openapi.json by openapi-typescript (npm run api:types). Do not edit.\n// openapi-client.int.test.ts fails when this file no longer matches the document.\n\n";

/** TypeScript types of the published document, as any client would generate them. */
export async function generateApiTypes(): Promise<string> {
  const doc = JSON.parse(JSON.stringify(openApiDocument())) as Parameters<typeof openapiTS>[0];
  return HEADER + astToString(await openapiTS(doc, { defaultNonNullable: false }));
}
