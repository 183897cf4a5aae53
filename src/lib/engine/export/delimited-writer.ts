/**
 * Delimited text output (CSV/TSV) shared by the browser export and `tokumei apply`, so both write
 * the same bytes: RFC 4180 quoting, CRLF line ends, UTF-8 (optionally with a BOM) or Shift_JIS
 * (Microsoft's CP932, what Japanese Excel opens by default) through encoding-japanese.
 */
import Encoding from 'encoding-japanese';

export type OutputEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';
export type OutputDelimiter = ',' | '\t';

export interface DelimitedOptions {
	encoding?: OutputEncoding;
	delimiter?: OutputDelimiter;
}

export class ExportError extends Error {
	readonly code = 'EXPORT_FAILED';
	constructor(message: string) {
		super(message);
		this.name = 'ExportError';
	}
}

export const OUTPUT_ENCODINGS: readonly OutputEncoding[] = ['utf-8', 'utf-8-bom', 'shift_jis'];

/** A number as spreadsheets read it: a leading sign here is arithmetic, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * OWASP "CSV Injection": a cell starting with = + - @, tab or CR is run as a formula by Excel,
 * LibreOffice and Google Sheets. Prefixing an apostrophe makes them show the text as typed.
 * Plain numbers such as -5 or +81 are left alone: they are data, not formulas.
 */
export function neutralizeFormula(value: string): string {
	if (value === '') return value;
	const first = value.charCodeAt(0);
	// = + - @ TAB CR
	if (
		first !== 0x3d &&
		first !== 0x2b &&
		first !== 0x2d &&
		first !== 0x40 &&
		first !== 0x09 &&
		first !== 0x0d
	)
		return value;
	return PLAIN_NUMBER.test(value) ? value : `'${value}`;
}

/** Inverse of {@link neutralizeFormula} for a cell read back from an export. */
export function restoreNeutralized(value: string): string {
	if (value.length < 2 || value.charCodeAt(0) !== 0x27) return value;
	const rest = value.slice(1);
	return neutralizeFormula(rest) === value ? rest : value;
}

const NEEDS_QUOTES: Record<string, RegExp> = { ',': /[",\r\n]/, '\t': /["\t\r\n]/ };

function needsQuotes(delimiter: string): RegExp {
	let pattern = NEEDS_QUOTES[delimiter];
	if (!pattern) {
		pattern = new RegExp(`["\\r\\n${delimiter.replace(/[\\^\]-]/g, '\\$&')}]`);
		NEEDS_QUOTES[delimiter] = pattern;
	}
	return pattern;
}

/** RFC 4180 §2.6–2.7: quote fields holding the delimiter, a quote, CR or LF; double inner quotes. */
export function quoteField(value: string, delimiter: string): string {
	return needsQuotes(delimiter).test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record: neutralized, quoted and joined, ended with CRLF (RFC 4180 §2.1). */
export function formatRecord(cells: readonly string[], delimiter: string): string {
	const pattern = needsQuotes(delimiter);
	let line = '';
	for (let i = 0; i < cells.length; i++) {
		if (i > 0) line += delimiter;
		const cell = neutralizeFormula(cells[i]);
		line += pattern.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
	}
	return line + '\r\n';
}

const utf8 = new TextEncoder();

/** Encodes output text; records never straddle two calls, so chunked output equals one-shot output. */
export function encodeText(text: string, encoding: OutputEncoding): Uint8Array {
	if (encoding !== 'shift_jis') return utf8.encode(text);
	try {
		const codes = Encoding.convert(Encoding.stringToCode(text), {
			to: 'SJIS',
			from: 'UNICODE',
			fallback: 'error'
		}) as number[];
		return Uint8Array.from(codes);
	} catch {
		throw new ExportError(
			`The character ${describeUnencodable(text)} cannot be written in Shift_JIS; export as UTF-8 instead.`
		);
	}
}

/** Names the first character Shift_JIS cannot hold (only on the error path: one conversion per character). */
function describeUnencodable(text: string): string {
	for (const char of text) {
		try {
			Encoding.convert(Encoding.stringToCode(char), { to: 'SJIS', from: 'UNICODE', fallback: 'error' });
		} catch {
			const point = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
			return `U+${point}`;
		}
	}
	return '(unknown)';
}

const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/**
 * Buffers formatted records and hands out encoded chunks of about `chunkChars` characters. The BOM,
 * if asked for, starts the first chunk.
 */
export class DelimitedWriter {
	readonly encoding: OutputEncoding;
	readonly delimiter: OutputDelimiter;
	private pending = '';
	private started = false;

	constructor(
		options: DelimitedOptions = {},
		private readonly chunkChars = 1 << 16
	) {
		this.encoding = options.encoding ?? 'utf-8';
		this.delimiter = options.delimiter ?? ',';
	}

	/** Adds a record; returns an encoded chunk when enough text is buffered, else null. */
	write(cells: readonly string[]): Uint8Array | null {
		this.pending += formatRecord(cells, this.delimiter);
		return this.pending.length >= this.chunkChars ? this.flush() : null;
	}

	/** Encodes whatever is buffered (possibly an empty array). */
	flush(): Uint8Array {
		const body = encodeText(this.pending, this.encoding);
		this.pending = '';
		if (this.started || this.encoding !== 'utf-8-bom') {
			this.started = true;
			return body;
		}
		this.started = true;
		const out = new Uint8Array(BOM.length + body.length);
		out.set(BOM);
		out.set(body, BOM.length);
		return out;
	}
}

/** Joins byte chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
	let total = 0;
	for (const c of chunks) total += c.length;
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** A whole table as one file (header first). */
export function exportDelimited(
	header: readonly string[],
	rows: Iterable<readonly string[]>,
	options: DelimitedOptions = {}
): Uint8Array {
	const writer = new DelimitedWriter(options);
	const chunks: Uint8Array[] = [];
	const push = (chunk: Uint8Array | null) => {
		if (chunk && chunk.length > 0) chunks.push(chunk);
	};
	push(writer.write(header));
	for (const row of rows) push(writer.write(row));
	push(writer.flush());
	return concatBytes(chunks);
}
