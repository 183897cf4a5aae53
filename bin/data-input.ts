/**
 * The data file as a streaming apply input (Node-only): decoded with the encoding the project gives,
 * or the one the engine's detector finds (table/encoding, as the browser importer decides it), parsed
 * chunk by chunk, the header repaired as the browser importer repairs it (empty and repeated names).
 */
import { createReadStream } from 'node:fs';
import { ConfigError, type ProjectConfig } from '../src/lib/engine/config/project-config';
import type { ApplyInput } from '../src/lib/engine/apply/apply-rows';
import { CsvStreamParser } from '../src/lib/engine/table/csv-stream-parser';
import { detectDelimiter } from '../src/lib/engine/table/delimiter';
import type { TextEncodingName } from '../src/lib/engine/table/encoding';
import { uniqueHeaderNames } from '../src/lib/engine/table/header-names';
import { detectSampleEncoding, ENCODING_SAMPLE_BYTES, encodingOption } from './read-input';

/**
 * Bytes per read and characters per parse: 64 K, about 1,500 rows per batch. Measured on 1M rows × 10
 * columns: batches of a 1 MiB chunk (~22,000 rows) survive young-generation collections (GC 0.3 s → 2.9 s),
 * and 1 MiB reads parsed in 64 K slices were slower (420 K vs 530 K rows/s) and doubled the peak RSS.
 */
export const CHUNK_BYTES = 1 << 16;
const PARSE_CHARS = 1 << 16;

/** The file's bytes in chunks; an unreadable file is a ConfigError naming `data.path`. */
async function* fileChunks(file: string): AsyncGenerator<Buffer> {
	try {
		for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === undefined) throw error;
		throw new ConfigError(`data.path: cannot read "${file}" (${code})`);
	}
}

/**
 * The file's text, chunk by chunk. Without a declared encoding, bytes pass through as ASCII (which
 * reads the same in UTF-8, Shift_JIS and EUC-JP) until the first non-ASCII byte; then 64 KiB from there
 * decide the encoding, as the browser importer decides it (table/import), and `onDecided` keeps the
 * verdict for the next pass. Invalid bytes for the encoding are a ConfigError naming `data.path`.
 */
async function* decodedText(
	file: string,
	declared: TextEncodingName | undefined,
	onDecided: (encoding: TextEncodingName) => void
): AsyncGenerator<string> {
	let encoding = declared;
	let decoder = new TextDecoder(encoding ?? 'utf-8', { fatal: true });
	let held: Buffer[] = [];
	let heldBytes = 0;
	let first = true;
	const decide = (): Buffer => {
		const window = Buffer.concat(held);
		held = [];
		encoding = detectSampleEncoding({ head: window, fromNonAscii: window }, file, 'data.path');
		decoder = new TextDecoder(encoding, { fatal: true });
		onDecided(encoding);
		return window;
	};
	try {
		for await (let chunk of fileChunks(file)) {
			if (first) {
				first = false;
				// Binary files and UTF-16 are refused from the head, as the importer refuses them.
				detectSampleEncoding({ head: chunk, fromNonAscii: new Uint8Array(0) }, file, 'data.path');
			}
			if (encoding === undefined) {
				if (held.length === 0) {
					const k = chunk.findIndex((b) => b >= 0x80);
					if (k < 0) {
						yield decoder.decode(chunk, { stream: true });
						continue;
					}
					yield decoder.decode(chunk.subarray(0, k), { stream: true });
					chunk = chunk.subarray(k);
				}
				held.push(chunk);
				heldBytes += chunk.length;
				if (heldBytes < ENCODING_SAMPLE_BYTES) continue;
				chunk = decide();
			}
			yield decoder.decode(chunk, { stream: true });
		}
		if (held.length > 0) {
			const rest = decide(); // before reading `decoder`: decide() replaces it
			yield decoder.decode(rest, { stream: true });
		}
		yield decoder.decode();
	} catch (error) {
		if (error instanceof TypeError && /encoded data was not valid/i.test(error.message)) {
			throw new ConfigError(`data.path: "${file}" is not valid ${encoding} (${error.message})`);
		}
		throw error;
	}
}

/** The data file of a project as an apply input: decoded and parsed chunk by chunk, the header read first. */
export async function fileInput(file: string, config: ProjectConfig): Promise<ApplyInput> {
	const option = encodingOption(config.data.encoding);
	let encoding = option === 'auto' ? undefined : option;
	let delimiter = config.data.delimiter;
	async function* records(): AsyncGenerator<string[][]> {
		let parser: CsvStreamParser | undefined;
		let pending = '';
		const parse = (text: string, final: boolean): string[][] => {
			if (!parser) {
				// The delimiter detector reads a 64 K-character sample, as the importer's does.
				pending += text;
				if (pending.length < PARSE_CHARS && !final) return [];
				delimiter ??= detectDelimiter(pending.slice(0, PARSE_CHARS));
				parser = new CsvStreamParser(delimiter);
				text = pending;
				pending = '';
			}
			return final ? [...parser.push(text), ...parser.finish()] : parser.push(text);
		};
		for await (const text of decodedText(file, encoding, (decided) => (encoding = decided))) {
			// Parsed in slices so that each batch's rows die young (see CHUNK_BYTES).
			for (let at = 0; at < text.length; at += PARSE_CHARS) {
				const rows = parse(text.slice(at, at + PARSE_CHARS), false);
				if (rows.length > 0) yield rows;
			}
		}
		const rest = parse('', true);
		if (rest.length > 0) yield rest;
	}
	let header: string[] | undefined;
	for await (const rows of records()) {
		header = rows[0];
		break;
	}
	if (!header) throw new ConfigError(`data.path: "${file}" is empty`);
	// Empty and repeated names are renamed as the browser importer renames them, so configs match both.
	header = uniqueHeaderNames(header).names;
	return {
		header,
		async *batches() {
			let skipHeader = true;
			for await (const rows of records()) {
				// The parser's own arrays are the batches: no copying.
				if (skipHeader) {
					rows.shift();
					skipHeader = false;
				}
				if (rows.length > 0) yield rows;
			}
		}
	};
}

/** The distinct values of the named columns, in order of first appearance, read in one streaming pass. */
export async function distinctInputValues(
	input: ApplyInput,
	names: string[]
): Promise<Record<string, readonly string[]>> {
	const columns = names.map((name) => {
		const index = input.header.indexOf(name);
		if (index < 0) {
			throw new ConfigError(
				`attributes.${name}: no column "${name}" in the data (columns: ${input.header.join(', ')})`
			);
		}
		return { name, index, seen: new Set<string>() };
	});
	for await (const rows of input.batches()) {
		for (const row of rows) for (const c of columns) c.seen.add(row[c.index] ?? '');
	}
	return Object.fromEntries(columns.map((c) => [c.name, [...c.seen]]));
}
