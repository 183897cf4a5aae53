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

/** The largest block of codes an encoder allocates at once (64 Ki codes, 256 KB). */
const MAX_BLOCK = 1 << 16;

/** Incrementally encodes one column; used by the streaming importer and by {@link encodeRows}. */
export class ColumnEncoder {
	/** value → code, built on the dictionary itself (see ValueIndex for why not an object or Map). */
	private index: ValueIndex | null;
	readonly values: string[] = [];
	/**
	 * Codes pushed since the last finish(), in blocks that never move: growing one buffer by doubling would
	 * briefly hold the old and the new buffer (6 MB per column at 1,000,000 rows, ten columns at once) and
	 * leave up to half of the last one unused. Blocks grow from the initial capacity to MAX_BLOCK, so a file
	 * with 2,000 columns and few rows stays small.
	 */
	private blocks: Int32Array[] = [];
	private block: Int32Array;
	private used = 0;
	/** Codes handed out by the last finish(); later pushes append after them. */
	private finished = new Int32Array(0);
	private length = 0;

	constructor(
		readonly name: string,
		initialCapacity = 1024
	) {
		this.index = new ValueIndex(this.values);
		this.block = new Int32Array(Math.min(MAX_BLOCK, Math.max(16, initialCapacity)));
	}

	push(value: string): void {
		this.index ??= new ValueIndex(this.values);
		let code = this.index.find(value);
		if (code < 0) {
			code = this.values.length;
			this.values.push(detachedCopy(value));
			this.index.insert(code);
		}
		if (this.used === this.block.length) {
			this.blocks.push(this.block);
			this.block = new Int32Array(Math.min(MAX_BLOCK, this.block.length * 2));
			this.used = 0;
		}
		this.block[this.used++] = code;
		this.length++;
	}

	/**
	 * The finished column, its codes in one array of exactly `length` entries. The value → code index and the
	 * blocks are released here: the caller goes on to profile and save, and for a nearly unique column of
	 * 1,000,000 rows these hold megabytes it no longer needs. A push after finish() rebuilds the index from
	 * `values` and appends after the codes handed out, which never change.
	 */
	finish(): EncodedColumn {
		this.index = null;
		const codes = new Int32Array(this.length);
		codes.set(this.finished);
		let at = this.finished.length;
		for (const block of this.blocks) {
			codes.set(block, at);
			at += block.length;
		}
		codes.set(this.block.subarray(0, this.used), at);
		this.finished = codes;
		this.blocks = [];
		this.block = new Int32Array(16);
		this.used = 0;
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
