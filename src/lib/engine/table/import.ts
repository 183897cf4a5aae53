import { CsvStreamParser, type CsvRecordSink } from './csv-stream-parser';
import { detectDelimiter } from './delimiter';
import { ColumnEncoder, detachedCopy, type EncodedTable } from './encoded-table';
import { checkDeclaredEncoding } from './declared-encoding';
import { assertText, classifyBytes, countReplacementChars, type TextEncodingName } from './encoding';
import { positionalNames, uniqueHeaderNames } from './header-names';
import { ImportError, type ImportWarning } from './import-error';
import { collectWarnings, type RaggedRows } from './import-warnings';
import { inferColumnType, type InferredType } from './infer-type';
import { profileColumn, type ColumnProfile } from './profile';
import { byteChunks, type ByteSource } from './byte-source';

export {
	ImportError,
	type ImportErrorCode,
	type ImportWarning,
	type ImportWarningCode
} from './import-error';

/** SQLite's default SQLITE_MAX_COLUMN: the worker stores each table in sql.js, which cannot hold more. */
export const MAX_COLUMNS = 2000;
/** Bytes inspected to detect the encoding (and checked for binary content). */
const SAMPLE_BYTES = 64 * 1024;
/** Decoded characters inspected to detect the delimiter. */
const SAMPLE_CHARS = 64 * 1024;
/**
 * Bytes read, decoded and parsed per step. Small on purpose: a chunk's decoded text is alive while its fields
 * are encoded, and a chunk of 1 MiB (a 2 MB string once a Japanese character makes it two-byte) sits in V8's
 * large-object space, so each one alive at a scavenge is promoted and stays until a full collection; 32 KiB of
 * text is an ordinary young object that dies young. Per-chunk overhead is a few microseconds.
 */
export const CHUNK_BYTES = 32 * 1024;
/** Rows reserved in each column's code buffer, over the estimate from the first chunk. */
const RESERVE_MARGIN = 1.05;
/** Yield to the event loop at least this often, so a cancel message reaches a busy worker. */
const YIELD_MS = 50;

export interface ImportProgress {
	bytesRead: number;
	/** 0 when unknown (a ReadableStream source). */
	totalBytes: number;
	rows: number;
}

export interface ImportOptions {
	encoding?: TextEncodingName | 'auto';
	delimiter?: string | 'auto';
	hasHeader?: boolean;
	signal?: AbortSignal;
	onProgress?: (progress: ImportProgress) => void;
	/** Receives the data rows of each chunk (normalized to the header's width), e.g. to insert them into SQLite. */
	onRows?: (header: string[], rows: string[][]) => void | Promise<void>;
	/** Called once every row is encoded, before the columns are profiled (lets a caller time the stages). */
	onParsed?: () => void;
	/** Bytes read per step (default CHUNK_BYTES); other values only serve tests of chunk boundaries. */
	chunkBytes?: number;
}

export interface ImportResult {
	table: EncodedTable;
	header: string[];
	encoding: TextEncodingName;
	delimiter: string;
	warnings: ImportWarning[];
	types: InferredType[];
	profiles: ColumnProfile[];
	bytes: number;
}

type Yield = () => Promise<void>;

function yielder(): Yield {
	let last = Date.now();
	return async () => {
		if (Date.now() - last < YIELD_MS) return;
		await new Promise((resolve) => setTimeout(resolve, 0));
		last = Date.now();
	};
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
	if (chunks.length === 1) return chunks[0];
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

function firstNonAscii(bytes: Uint8Array): number {
	for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
	return -1;
}

/**
 * Imports a delimited text file as a dictionary-encoded table, streaming: bytes are decoded and parsed chunk
 * by chunk and each record goes straight into the column encoders, so the decoded text of the whole file is
 * never held at once. Detects encoding (UTF-8 with or without BOM, Shift_JIS/CP932, EUC-JP), delimiter and
 * column types; repairs what it safely can (ragged rows, header names) with a warning; rejects what it cannot
 * with an {@link ImportError} carrying a `code`.
 */
export async function importTable(source: ByteSource, options: ImportOptions = {}): Promise<ImportResult> {
	const { signal, onProgress, onRows, hasHeader = true } = options;
	const declared = options.encoding && options.encoding !== 'auto' ? options.encoding : undefined;
	const chunkBytes = Math.max(1, options.chunkBytes ?? CHUNK_BYTES);
	const warnings: ImportWarning[] = [];
	const pause = yielder();
	const checkAbort = () => {
		if (signal?.aborted) throw new ImportError('ABORTED', 'The import was cancelled.');
	};
	checkAbort();

	// --- Decoding: hold bytes until the encoding can be decided from a sample with non-ASCII bytes. ---
	let encoding: TextEncodingName | undefined = declared;
	let decoder = new TextDecoder(declared ?? 'utf-8');
	let decided = false;
	let startChecked = false;
	let held: Uint8Array[] = [];
	let heldBytes = 0;
	let heldNonAscii = -1;
	let replacementChars = 0;

	// --- Parsing: hold text until the delimiter can be detected. ---
	let parser: CsvStreamParser | undefined;
	let pendingText = '';
	let delimiter = '';
	let header: string[] | undefined;
	let encoders: ColumnEncoder[] = [];
	let rows = 0;
	let batch: string[][] = [];
	const ragged: RaggedRows = { short: 0, long: 0, droppedCells: 0, examples: [] };

	const startTable = (first: string[]): boolean => {
		if (first.length > MAX_COLUMNS) {
			throw new ImportError(
				'TOO_MANY_COLUMNS',
				`The file has ${first.length} columns; at most ${MAX_COLUMNS} are supported. ` +
					'Remove unneeded columns before importing.',
				{ columns: first.length, max: MAX_COLUMNS }
			);
		}
		if (hasHeader) {
			const { names, renamedEmpty, renamedDuplicate } = uniqueHeaderNames(first);
			header = names.map(detachedCopy);
			if (renamedEmpty.length > 0) {
				warnings.push({
					code: 'EMPTY_HEADER',
					message: `${renamedEmpty.length} columns had no name and were named column_<position>.`,
					count: renamedEmpty.length,
					examples: renamedEmpty.slice(0, 5)
				});
			}
			if (renamedDuplicate.length > 0) {
				warnings.push({
					code: 'DUPLICATE_HEADER',
					message: `${renamedDuplicate.length} column names were repeated; the repeats got a suffix (_2, _3, …).`,
					count: renamedDuplicate.length,
					examples: renamedDuplicate.slice(0, 5)
				});
			}
		} else {
			header = positionalNames(first.length);
		}
		encoders = header.map((name) => new ColumnEncoder(name, 4096));
		return !hasHeader;
	};

	const addRecords = (records: string[][]) => {
		for (let r = 0; r < records.length; r++) {
			let row = records[r];
			if (!header && !startTable(row)) continue;
			const width = encoders.length;
			if (row.length !== width) {
				if (ragged.examples.length < 5) ragged.examples.push(rows + (hasHeader ? 2 : 1));
				if (row.length < width) {
					ragged.short++;
					row = row.concat(Array<string>(width - row.length).fill(''));
				} else {
					ragged.long++;
					for (let c = width; c < row.length; c++) if (row[c] !== '') ragged.droppedCells++;
					row = row.slice(0, width);
				}
			}
			for (let c = 0; c < width; c++) encoders[c].push(row[c]);
			rows++;
			if (onRows) batch.push(row);
		}
	};

	/**
	 * Without an onRows consumer no record needs to exist as an array: fields go straight into the column
	 * encoders (the same padding, truncation and counts as addRecords), which spares an array per record.
	 */
	let column = 0;
	let droppedInRecord = 0;
	let firstRecord: string[] = [];
	const encodingSink: CsvRecordSink = {
		field(value) {
			if (!header) firstRecord.push(value);
			else if (column < encoders.length) encoders[column++].push(value);
			else {
				column++;
				if (value !== '') droppedInRecord++;
			}
		},
		fieldIn(text, start, end) {
			if (header && column < encoders.length) encoders[column++].pushRange(text, start, end);
			else encodingSink.field(text.slice(start, end));
		},
		endRecord() {
			if (!header) {
				const first = firstRecord;
				firstRecord = [];
				if (!startTable(first)) return;
				for (const value of first) encodingSink.field(value);
			}
			const width = encoders.length;
			if (column !== width) {
				if (ragged.examples.length < 5) ragged.examples.push(rows + (hasHeader ? 2 : 1));
				if (column < width) {
					ragged.short++;
					for (let c = column; c < width; c++) encoders[c].push('');
				} else {
					ragged.long++;
					ragged.droppedCells += droppedInRecord;
				}
			}
			column = 0;
			droppedInRecord = 0;
			rows++;
		}
	};

	const parseText = (text: string, final: boolean) => {
		if (text.length > 0) {
			const replaced = text.indexOf('\ufffd') < 0 ? 0 : countReplacementChars(text);
			replacementChars += replaced;
		}
		if (!parser) {
			pendingText += text;
			if (pendingText.length < SAMPLE_CHARS && !final) return;
			const wanted = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : undefined;
			delimiter = wanted ?? detectDelimiter(pendingText.slice(0, SAMPLE_CHARS));
			try {
				parser = new CsvStreamParser(delimiter, onRows ? undefined : encodingSink);
			} catch (e) {
				throw new ImportError('READ_FAILED', (e as Error).message);
			}
			text = pendingText;
			pendingText = '';
		}
		addRecords(parser.push(text));
		if (final) addRecords(parser.finish());
	};

	const feed = (bytes: Uint8Array) => parseText(decoder.decode(bytes, { stream: true }), false);

	/** Decides the encoding from the held bytes (or passes them on while they are plain ASCII). */
	const decide = (eof: boolean) => {
		const sample = concat(held, heldBytes);
		if (!startChecked) {
			startChecked = true;
			assertText(sample.subarray(0, SAMPLE_BYTES));
		}
		if (heldNonAscii < 0 && !eof) {
			// Plain ASCII so far reads the same in all three encodings: pass it on, decide later.
			feed(sample);
		} else {
			if (heldNonAscii >= 0) {
				const window = sample.subarray(heldNonAscii, heldNonAscii + SAMPLE_BYTES);
				const bom = window[0] === 0xef && window[1] === 0xbb && window[2] === 0xbf;
				if (declared) checkDeclaredEncoding(window, declared, warnings);
				else {
					encoding = bom ? 'utf-8' : classifyBytes(window).encoding;
					decoder = new TextDecoder(encoding);
				}
			}
			encoding ??= 'utf-8';
			decided = true;
			feed(sample);
		}
		held = [];
		heldBytes = 0;
		heldNonAscii = -1;
	};

	const flushBatch = async () => {
		if (onRows && header && batch.length > 0) {
			const out = batch;
			batch = [];
			await onRows(header, out);
			checkAbort();
		}
	};

	const total = source instanceof Uint8Array ? source.length : 'size' in source ? source.size : 0;
	let bytesRead = 0;
	let reserved = false;
	const chunks = byteChunks(source, chunkBytes);
	try {
		for (;;) {
			checkAbort();
			const next = await readNext(chunks);
			if (next.done) break;
			const chunk = next.value;
			bytesRead += chunk.length;
			if (decided) feed(chunk);
			else {
				if (heldNonAscii < 0) {
					const k = firstNonAscii(chunk);
					if (k >= 0) heldNonAscii = heldBytes + k;
				}
				// A chunk's bytes are only valid until the next read (byteChunks reuses its buffer): keep a copy.
				held.push(chunk.slice());
				heldBytes += chunk.length;
				const enough =
					heldNonAscii >= 0 ? heldBytes - heldNonAscii >= SAMPLE_BYTES : heldBytes >= SAMPLE_BYTES;
				if (enough) decide(false);
			}
			await flushBatch();
			if (!reserved && rows > 0 && total > 0 && heldBytes === 0) {
				// Size the code buffers once from the rows per byte so far (+5 %), so they need not grow by doubling.
				reserved = true;
				const expected = (rows * total) / bytesRead;
				const estimate = Math.ceil(expected * RESERVE_MARGIN);
				for (const encoder of encoders) encoder.reserve(estimate, Math.ceil(expected));
			}
			onProgress?.({ bytesRead, totalBytes: total, rows });
			await pause();
		}
		if (!decided) decide(true);
		parseText(decoder.decode(), true);
		await flushBatch();
	} catch (e) {
		await chunks.return?.(undefined);
		throw e;
	}

	if (bytesRead === 0 || !header) {
		throw new ImportError('EMPTY_FILE', 'The file is empty: it has no header row and no data.');
	}
	if (rows === 0) {
		throw new ImportError(
			'NO_DATA_ROWS',
			hasHeader ? 'The file has a header row but no data rows.' : 'The file has no data rows.'
		);
	}
	collectWarnings(warnings, ragged, encoders.length, replacementChars, parser!, encoding!);
	onProgress?.({ bytesRead, totalBytes: total, rows });

	const table: EncodedTable = { rowCount: rows, columns: encoders.map((e) => e.finish()) };
	// The encoders still hold their grown code buffers; let them go before profiling allocates its counts.
	encoders = [];
	options.onParsed?.();
	const types: InferredType[] = [];
	const profiles: ColumnProfile[] = [];
	for (const column of table.columns) {
		const type = inferColumnType(column.values);
		types.push(type);
		profiles.push(profileColumn(column, type));
		await pause();
		checkAbort();
	}
	return {
		table,
		header: header,
		encoding: encoding!,
		delimiter,
		warnings,
		types,
		profiles,
		bytes: bytesRead
	};
}

/** Reads the next chunk; a failing read (file moved, permission lost, stream error) becomes READ_FAILED. */
async function readNext(chunks: AsyncGenerator<Uint8Array>): Promise<IteratorResult<Uint8Array>> {
	try {
		return await chunks.next();
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		throw new ImportError('READ_FAILED', `The file could not be read: ${reason}`);
	}
}
