import { releaseBuffer } from './release-buffer';
import { ValueIndex } from './value-index';

/**
 * Dictionary-encoded columns: the representation every hot loop of the engine works on.
 * A column keeps its distinct values once (`values`, in order of first appearance) and one
 * Int32 code per row (`codes[row]` indexes `values`). Grouping, hierarchies and risk then
 * compare small integers instead of strings (DESIGN.md, principle 3).
 */
export interface EncodedColumn {
	readonly name: string;
	/** Distinct values, code → value, in order of first appearance. */
	readonly values: readonly string[];
	/** One code per row. */
	readonly codes: Int32Array;
}

export interface EncodedTable {
	readonly rowCount: number;
	readonly columns: readonly EncodedColumn[];
}

/**
 * A parser's field is usually a slice of a large decoded chunk, and V8 represents slices of 13+ characters as
 * views that keep the whole chunk alive. The dictionary keeps values for the table's lifetime, so it stores a
 * copy: concatenation makes a cons string, which `slice` flattens into fresh memory (the V8 "flatten" idiom),
 * letting the chunk be collected. Only dictionary misses pay this, once per distinct value. Measured on Node 20:
 * importing 200,000 unique 20-character IDs (a 44 MB file) retains 99 MB without the copy and 22 MB with it.
 */
export function detachedCopy(value: string): string {
	return value.length < 13 ? value : (' ' + value).slice(1);
}

/** Longest value {@link ownedValue} rebuilds from its character codes (one scratch array per length up to it). */
const NARROW_MAX_CHARS = 64;
const narrowScratch: number[][] = [];

/**
 * The dictionary's own copy of `text.slice(start, end)`, as compact as V8 allows. A decoded chunk that holds any
 * character above U+00FF (one Japanese character is enough) is a two-byte string, and V8 copies a short slice of
 * it into a two-byte string even when the slice is plain ASCII (Factory::NewProperSubString does not narrow).
 * An ID such as `P0000000` then takes 28 bytes instead of 20: measured on Node 20, 2,000,000 eight-character
 * values sliced from a two-byte chunk hold 80 MB, rebuilt from their codes 64 MB. String.fromCharCode makes a
 * one-byte string when every code fits, and a fresh one, so no chunk is kept alive either. Longer values and
 * values with wider characters go through {@link detachedCopy}.
 */
export function ownedValue(text: string, start: number, end: number): string {
	const length = end - start;
	if (length > 0 && length <= NARROW_MAX_CHARS) {
		const codes = (narrowScratch[length] ??= new Array<number>(length).fill(0));
		let i = 0;
		for (; i < length; i++) {
			const code = text.charCodeAt(start + i);
			if (code > 0xff) break;
			codes[i] = code;
		}
		if (i === length) return String.fromCharCode.apply(null, codes);
	}
	return detachedCopy(start === 0 && end === text.length ? text : text.slice(start, end));
}

/** Share of distinct values above which {@link ColumnEncoder.reserve} also sizes the value index. */
const NEARLY_UNIQUE = 0.9;

/** Incrementally encodes one column; used by the streaming importer and by {@link encodeRows}. */
export class ColumnEncoder {
	/** value → code, built on the dictionary itself (see ValueIndex for why not an object or Map). */
	private index: ValueIndex | null;
	readonly values: string[] = [];
	private codes: Int32Array;
	private length = 0;
	/** True while a finished column's codes are a view of `codes`. */
	private handedOut = false;

	constructor(
		readonly name: string,
		initialCapacity = 1024
	) {
		this.index = new ValueIndex(this.values);
		this.codes = new Int32Array(Math.max(16, initialCapacity));
	}

	/**
	 * Makes room for `capacity` codes in one step. The streaming importer calls this with its estimate of the
	 * row count (from the bytes per row seen so far): growing by doubling instead would leave each old buffer
	 * as garbage (for 1,000,000 rows, 4 MB per column that lives until the next full collection) and end with
	 * up to half of the last one unused.
	 *
	 * `expectedRows` is the caller's best guess of the final row count, without the safety margin it may have
	 * added to `capacity`. A column nearly unique so far has its value index sized from it: the index has a
	 * power-of-two size, so a margin can double it (1,000,000 IDs + 5 % needs 4,194,304 slots, 16 MB, where
	 * 1,000,000 fit in 2,097,152, 8 MB: measured at the import benchmark's parse peak). An index that turns
	 * out too small still grows by doubling, freeing the old slots at once.
	 */
	reserve(capacity: number, expectedRows = capacity): void {
		if (capacity <= this.codes.length) return;
		// A column nearly unique so far (an identifier) will likely stay so: size its index now too.
		if (this.length >= 1000 && this.values.length >= this.length * NEARLY_UNIQUE) {
			this.index?.reserve(Math.ceil((expectedRows * this.values.length) / this.length));
		}
		const grown = new Int32Array(capacity);
		grown.set(this.codes.subarray(0, this.length));
		// A buffer handed out by finish() belongs to that column now; any other is freed at once.
		if (!this.handedOut) releaseBuffer(this.codes);
		this.handedOut = false;
		this.codes = grown;
	}

	push(value: string): void {
		this.index ??= new ValueIndex(this.values);
		const code = this.index.find(value);
		this.append(code < 0 ? this.add(value, 0, value.length) : code);
	}

	/**
	 * Pushes `text.slice(start, end)`; a value already in the dictionary is found without making that string
	 * (the streaming importer's path: see CsvRecordSink.fieldIn).
	 */
	pushRange(text: string, start: number, end: number): void {
		this.index ??= new ValueIndex(this.values);
		const code = this.index.findRange(text, start, end);
		this.append(code < 0 ? this.add(text, start, end) : code);
	}

	/** Adds `text.slice(start, end)` (not in the dictionary yet) and returns its code. */
	private add(text: string, start: number, end: number): number {
		const code = this.values.length;
		this.values.push(ownedValue(text, start, end));
		this.index!.insert(code);
		return code;
	}

	private append(code: number): void {
		// Past a reservation, grow by half: an estimate that fell short is usually short by little.
		if (this.length === this.codes.length) this.reserve(this.length + Math.max(16, this.length >> 1));
		this.codes[this.length++] = code;
	}

	/**
	 * The finished column. The value → code index is released here: for a nearly unique column of 1,000,000
	 * rows it holds megabytes that the caller would otherwise carry through profiling and saving. A push after
	 * finish() rebuilds it from `values` first, so the encoder stays correct for a caller that goes on.
	 */
	finish(): EncodedColumn {
		this.index?.release();
		this.index = null;
		// A nearly full buffer is handed out as a view rather than copied: a copy would briefly need a second
		// 4 MB per column at 1,000,000 rows. Later pushes only write past `length`, so the view never changes.
		const full = this.length * 10 >= this.codes.length * 9;
		const codes = full ? this.codes.subarray(0, this.length) : this.codes.slice(0, this.length);
		this.handedOut ||= full;
		return { name: this.name, values: this.values, codes };
	}
}

/** Encodes parsed rows (header excluded). Missing trailing cells are encoded as the empty string. */
export function encodeRows(header: readonly string[], rows: readonly (readonly string[])[]): EncodedTable {
	const encoders = header.map((name) => new ColumnEncoder(name, rows.length));
	for (const row of rows) {
		for (let c = 0; c < encoders.length; c++) encoders[c].push(row[c] ?? '');
	}
	return { rowCount: rows.length, columns: encoders.map((e) => e.finish()) };
}

export function columnByName(table: EncodedTable, name: string): EncodedColumn {
	const column = table.columns.find((c) => c.name === name);
	if (!column) {
		const known = table.columns.map((c) => c.name).join(', ');
		throw Object.assign(new Error(`No column named "${name}" (columns: ${known})`), {
			code: 'UNKNOWN_COLUMN'
		});
	}
	return column;
}
