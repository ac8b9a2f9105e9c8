import { writeFileSync } from "node:fs";
import { GENERATED_TYPES_PATH, generateApiTypes } from "@/server/api/generate-types";

// Regenerates the checked-in client types from the OpenAPI document after a route or schema changes.
generateApiTypes()
  .then((text) => {
    writeFileSync(GENERATED_TYPES_PATH, text);
    console.log(`wrote ${GENERATED_TYPES_PATH}`);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
