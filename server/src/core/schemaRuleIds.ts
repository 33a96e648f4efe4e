/** Rule ids of the findings of schema validation (`validateSchema.ts`) and the duplicate checks (`duplicateChecks.ts`). */
export const SchemaRuleIds = {
  schema: 'schema',
  duplicateKey: 'duplicate-key',
  duplicateId: 'duplicate-id',
} as const;
