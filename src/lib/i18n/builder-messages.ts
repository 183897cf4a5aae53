/**
 * Messages of the Hierarchy builder forms (issue 5). Japanese is the reference; English must have the
 * same keys (typed below) and placeholders (checked by the catalog test).
 */
export const builderJa = {} as const;

export type BuilderMessageKey = keyof typeof builderJa;

export const builderEn: Record<BuilderMessageKey, string> = {};
