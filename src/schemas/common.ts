// Fields every --json document shares.
import { z } from 'zod';

/** The date the catalog's facts were last checked (src/catalog/as-of.ts); null when the build lacks it. */
export const CatalogAsOf = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable()
  .optional()
  .describe('the date the catalog facts were last checked (YYYY-MM-DD); every document llm-pick prints carries it');
