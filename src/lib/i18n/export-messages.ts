/**
 * Messages of the Export step (issue 6): export formats, processing record, pseudonym key, opt-out. Japanese is the reference; English must have the
 * same keys (typed below) and placeholders (checked by the catalog test).
 */
export const exportJa = {} as const;

export type ExportMessageKey = keyof typeof exportJa;

export const exportEn: Record<ExportMessageKey, string> = {};
