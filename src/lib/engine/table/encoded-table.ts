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

/** Incrementally encodes one column; used by the streaming importer and by {@link encodeRows}. */
export class ColumnEncoder {
	/**
	 * value → code. A prototype-less object rather than a Map: V8 stores integer-like keys ("42", common in
	 * data) as indexed elements, and the whole import measured ~25% faster in encoding (Node 20, 1M × 10).
	 * Without a prototype every string, "__proto__" included, is an ordinary key.
	 */
	private index: Record<string, number> = Object.create(null);
	readonly values: string[] = [];
	/** True after finish() released the index. */
	private released = false;
	private codes: Int32Array;
	private length = 0;

	constructor(
		readonly name: string,
		initialCapacity = 1024
	) {
		this.codes = new Int32Array(Math.max(16, initialCapacity));
	}

	push(value: string): void {
		if (this.released) this.rebuildIndex();
		let code = this.index[value];
		if (code === undefined) {
			value = detachedCopy(value);
			code = this.values.length;
			this.values.push(value);
			this.index[value] = code;
		}
		if (this.length === this.codes.length) {
			const grown = new Int32Array(this.codes.length * 2);
			grown.set(this.codes);
			this.codes = grown;
		}
		this.codes[this.length++] = code;
	}

	private rebuildIndex(): void {
		this.released = false;
		for (let code = 0; code < this.values.length; code++) this.index[this.values[code]] = code;
	}

	/**
	 * The finished column. The value → code index is released here: for a nearly unique column of 1,000,000
	 * rows it holds tens of MB that the caller would otherwise carry through profiling and saving. A push after
	 * finish() rebuilds it from `values` first, so the encoder stays correct for a caller that goes on.
	 */
	finish(): EncodedColumn {
		this.index = Object.create(null);
		this.released = true;
		// A nearly full buffer is handed out as a view rather than copied: for 1,000,000 rows the doubling
		// capacity is 1,048,576, and a copy would briefly need a second 4 MB per column. Later pushes only
		// write past `length`, so the view never changes.
		const full = this.length * 10 >= this.codes.length * 9;
		const codes = full ? this.codes.subarray(0, this.length) : this.codes.slice(0, this.length);
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
