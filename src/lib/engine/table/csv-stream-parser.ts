import { ImportError } from './import-error';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Longer fields are almost surely an unmatched quote swallowing the file; V8 strings stop at ~512 M chars. */
export const MAX_FIELD_CHARS = 128 * 1024 * 1024;

function unescapeQuotes(raw: string): string {
	return raw.indexOf('"') < 0 ? raw : raw.replaceAll('""', '"');
}

/** Parser states (plain numbers: the hot loop switches on them). */
const Mode = {
	FieldStart: 0,
	Unquoted: 1,
	Quoted: 2,
	/** A quote inside a quoted field was the last character of a chunk: escape ("") or closing quote. */
	QuotedQuote: 3,
	AfterClosingQuote: 4
} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

/**
 * Receives records field by field instead of as arrays: an importer that encodes cells straight into columns
 * then allocates no array per record (for 1,000,000 × 10 that is a million short-lived arrays).
 */
export interface CsvRecordSink {
	field(value: string): void;
	/**
	 * Optional: an unquoted field lying within one chunk, given as `text[start, end)` instead of as a string.
	 * A sink that looks values up in a dictionary then needs no string for a value it has seen before; for
	 * 1,000,000 × 10 that spares ten million short-lived strings (most of the data worker's garbage).
	 */
	fieldIn?(text: string, start: number, end: number): void;
	endRecord(): void;
}

/**
 * An incremental RFC 4180 parser for decoded text that arrives in chunks of any size: a quoted field, a
 * `""` escape or a CRLF may be split anywhere between two chunks. Line breaks may be LF, CRLF or CR, mixed.
 * Lenient where RFC 4180 is strict, like spreadsheet programs: a quote inside an unquoted field is data;
 * text after a closing quote is appended to the field (counted in `malformedQuotes`); empty lines are skipped.
 * Unquoted fields found within one chunk are taken with a single `slice`, which keeps the hot path cheap.
 * Records are returned by push()/finish() as arrays, or, when a {@link CsvRecordSink} is given, handed to it
 * (push()/finish() then return no records).
 */
export class CsvStreamParser {
	private readonly delimiter: number;
	private mode: Mode = Mode.FieldStart;
	private row: string[] = [];
	/** Fields delivered so far in the current record. */
	private fieldCount = 0;
	private field = '';
	private fieldQuoted = false;
	private skipLineFeed = false;
	/** Records completed so far (the header included), for 1-based record numbers in messages. */
	records = 0;
	malformedQuotes = 0;
	firstMalformedRecord = 0;
	unterminatedQuoteRecord = 0;

	constructor(
		delimiter: string,
		private readonly sink?: CsvRecordSink
	) {
		if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
			throw new TypeError(`Unsupported delimiter ${JSON.stringify(delimiter)}: use one character.`);
		}
		this.delimiter = delimiter.charCodeAt(0);
	}

	/** Parses one chunk and returns the records it completed. */
	push(chunk: string): string[][] {
		const out: string[][] = [];
		const n = chunk.length;
		const d = this.delimiter;
		let i = 0;
		if (this.skipLineFeed && n > 0) {
			this.skipLineFeed = false;
			if (chunk.charCodeAt(0) === LF) i = 1;
		}
		while (i < n) {
			switch (this.mode) {
				case Mode.FieldStart:
				case Mode.Unquoted: {
					if (this.mode === Mode.FieldStart && chunk.charCodeAt(i) === QUOTE) {
						this.mode = Mode.Quoted;
						this.fieldQuoted = true;
						i++;
						break;
					}
					let j = i;
					for (; j < n; j++) {
						const c = chunk.charCodeAt(j);
						if (c === d || c === LF || c === CR) break;
					}
					if (j < n && this.mode === Mode.FieldStart && this.sink?.fieldIn) {
						i = this.endField(null, chunk, i, j, out);
						break;
					}
					const piece = chunk.slice(i, j);
					if (j === n) {
						this.appendToField(piece);
						this.mode = Mode.Unquoted;
						i = n;
						break;
					}
					const value = this.mode === Mode.Unquoted ? this.field + piece : piece;
					this.field = '';
					i = this.endField(value, chunk, j, j, out);
					break;
				}
				case Mode.Quoted: {
					// Skip over "" escapes without copying: the field keeps its raw text and is unescaped once
					// at its end, so a field with a million escapes costs one replaceAll, not a million concatenations.
					let q = chunk.indexOf('"', i);
					while (q >= 0 && q + 1 < n && chunk.charCodeAt(q + 1) === QUOTE) q = chunk.indexOf('"', q + 2);
					if (q < 0) {
						this.appendToField(chunk.slice(i));
						i = n;
						break;
					}
					this.appendToField(chunk.slice(i, q));
					i = q + 1;
					this.mode = i === n ? Mode.QuotedQuote : Mode.AfterClosingQuote;
					break;
				}
				case Mode.QuotedQuote: {
					if (chunk.charCodeAt(i) === QUOTE) {
						this.appendToField('""');
						this.mode = Mode.Quoted;
						i++;
					} else this.mode = Mode.AfterClosingQuote;
					break;
				}
				case Mode.AfterClosingQuote: {
					const c = chunk.charCodeAt(i);
					const value = unescapeQuotes(this.field);
					if (c === d || c === LF || c === CR) {
						this.field = '';
						i = this.endField(value, chunk, i, i, out);
					} else {
						// `"ab"c,` — keep the stray text rather than lose it, and report it.
						if (this.malformedQuotes++ === 0) this.firstMalformedRecord = this.records + 1;
						this.field = value;
						this.mode = Mode.Unquoted;
					}
					break;
				}
			}
		}
		return out;
	}

	/** Ends the input: completes a last record without a final line break. */
	finish(): string[][] {
		const out: string[][] = [];
		if (this.mode === Mode.Quoted) this.unterminatedQuoteRecord = this.records + 1;
		const quoted = this.mode >= Mode.Quoted;
		if (this.mode !== Mode.FieldStart || this.fieldCount > 0) {
			const value = quoted ? unescapeQuotes(this.field) : this.field;
			this.field = '';
			this.endRecord(value, '', 0, 0, out);
		}
		this.mode = Mode.FieldStart;
		return out;
	}

	private appendToField(piece: string): void {
		this.field += piece;
		if (this.field.length > MAX_FIELD_CHARS) {
			throw new ImportError(
				'FIELD_TOO_LARGE',
				`Record ${this.records + 1} has a field longer than ${MAX_FIELD_CHARS / 1024 / 1024} M characters; ` +
					'the file probably has a quote (") that is never closed.',
				{ record: this.records + 1 }
			);
		}
	}

	/** Stores a field ended by the delimiter or line break at `at`; returns the index after it. */
	/**
	 * Ends the field before the delimiter or line break at `at`. The field is `value`, or, when that is null,
	 * the range chunk[start, at) handed to the sink's fieldIn.
	 */
	private endField(value: string | null, chunk: string, start: number, at: number, out: string[][]): number {
		const c = chunk.charCodeAt(at);
		if (c === this.delimiter) {
			this.deliver(value, chunk, start, at);
			this.mode = Mode.FieldStart;
			this.fieldQuoted = false;
			return at + 1;
		}
		this.endRecord(value, chunk, start, at, out);
		if (c === CR) {
			if (at + 1 === chunk.length) {
				this.skipLineFeed = true;
				return at + 1;
			}
			if (chunk.charCodeAt(at + 1) === LF) return at + 2;
		}
		return at + 1;
	}

	private deliver(value: string | null, chunk: string, start: number, end: number): void {
		this.fieldCount++;
		if (value === null) this.sink!.fieldIn!(chunk, start, end);
		else if (this.sink) this.sink.field(value);
		else this.row.push(value);
	}

	private endRecord(last: string | null, chunk: string, start: number, end: number, out: string[][]): void {
		const empty = last === null ? start === end : last === '';
		const blankLine = this.fieldCount === 0 && empty && !this.fieldQuoted;
		this.mode = Mode.FieldStart;
		this.fieldQuoted = false;
		if (blankLine) return;
		this.deliver(last, chunk, start, end);
		this.fieldCount = 0;
		this.records++;
		if (this.sink) this.sink.endRecord();
		else {
			out.push(this.row);
			this.row = [];
		}
	}
}
