/**
 * Messages of the Privacy model and quality settings editors (issue 5). Japanese is the reference; English must have the
 * same keys (typed below) and placeholders (checked by the catalog test).
 */
export const modelsJa = {} as const;

export type ModelsMessageKey = keyof typeof modelsJa;

export const modelsEn: Record<ModelsMessageKey, string> = {};
