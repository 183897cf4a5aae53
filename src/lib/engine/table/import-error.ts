export type ImportErrorCode =
	| 'EMPTY_FILE'
	| 'BINARY_FILE'
	| 'NO_DATA_ROWS'
	| 'ENCODING'
	| 'ABORTED'
	| 'TOO_MANY_COLUMNS'
	| 'FIELD_TOO_LARGE'
	| 'READ_FAILED';

/**
 * An import that cannot go on. `code` is what callers switch on (an `instanceof` check does not survive the
 * worker boundary, DESIGN.md "Engine notes"); `message` is English, fit for a person; the UI translates by code.
 */
export class ImportError extends Error {
	override readonly name = 'ImportError';
	constructor(
		readonly code: ImportErrorCode,
		message: string,
		readonly details?: Record<string, string | number>
	) {
		super(message);
	}
}

export type ImportWarningCode =
	| 'RAGGED_ROWS'
	| 'DUPLICATE_HEADER'
	| 'EMPTY_HEADER'
	| 'REPLACEMENT_CHARS'
	| 'ENCODING_MISMATCH'
	| 'UNTERMINATED_QUOTE'
	| 'MALFORMED_QUOTES';

/** Something the import repaired or noticed; the data was still loaded. */
export interface ImportWarning {
	code: ImportWarningCode;
	message: string;
	/** How many rows, cells or characters were affected. */
	count: number;
	/** Up to a few 1-based line numbers (of records, header = 1) as examples. */
	examples?: number[];
}
