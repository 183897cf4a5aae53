/**
 * Node-only reading of the CLI's input files with the engine's decoding (table/encoding, the same
 * detection as the browser importer): the project file, hierarchy files, lists, and the encoding
 * option of the data file. Every failure is a ConfigError naming the field that gave the file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseProjectConfig, type ProjectConfig } from '../src/lib/engine/config/project-config';
import { classifyBytes, detectEncoding, type TextEncodingName } from '../src/lib/engine/table/encoding';

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'shift_jis', 'euc-jp'];

/** Bytes read to decide an encoding, from the first non-ASCII byte (as table/import does). */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

export async function readBytes(file: string, field: string): Promise<Uint8Array> {
	try {
		return await readFile(file);
	} catch (error) {
		throw new ConfigError(
			`${field}: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? error})`
		);
	}
}

/**
 * `data.encoding` as the importer's option: omitted or "auto" = detect; otherwise any WHATWG label of
 * UTF-8, Shift_JIS (= CP932, e.g. "sjis", "windows-31j") or EUC-JP.
 */
export function encodingOption(
	label: string | undefined,
	field = 'data.encoding'
): TextEncodingName | 'auto' {
	if (label === undefined || label.toLowerCase() === 'auto') return 'auto';
	let canonical: string | undefined;
	try {
		// "cp932" is what Japanese tools call WHATWG's Shift_JIS (which decodes CP932's extensions).
		canonical = label.toLowerCase() === 'cp932' ? 'shift_jis' : new TextDecoder(label).encoding;
	} catch {
		canonical = undefined;
	}
	if (!ENCODINGS.includes(canonical as TextEncodingName)) {
		throw new ConfigError(
			`${field}: "${label}" is not supported (use "auto", "utf-8", "shift_jis" or "euc-jp")`
		);
	}
	return canonical as TextEncodingName;
}

/** Where the detector looks: the file's head (BOM, binary checks) and 64 KiB from its first non-ASCII byte. */
export interface EncodingSample {
	head: Uint8Array;
	/** Empty when the file is plain ASCII (which reads the same in every supported encoding). */
	fromNonAscii: Uint8Array;
}

/** The encoding the engine's detector (table/encoding) finds, decided as the browser importer decides it. */
export function detectSampleEncoding(sample: EncodingSample, file: string, field: string): TextEncodingName {
	try {
		if (detectEncoding(sample.head.subarray(0, ENCODING_SAMPLE_BYTES)).bom) return 'utf-8';
		if (sample.fromNonAscii.length === 0) return 'utf-8';
		return classifyBytes(sample.fromNonAscii.subarray(0, ENCODING_SAMPLE_BYTES)).encoding;
	} catch (error) {
		throw new ConfigError(`${field}: "${file}": ${(error as Error).message}`);
	}
}

function wholeFileSample(bytes: Uint8Array): EncodingSample {
	let first = 0;
	while (first < bytes.length && bytes[first] < 0x80) first++;
	return { head: bytes.subarray(0, ENCODING_SAMPLE_BYTES), fromNonAscii: bytes.subarray(first) };
}

/** Decodes a whole (small) file; `encoding` omitted or "auto" detects it. Invalid bytes are an error. */
export function decodeBytes(bytes: Uint8Array, file: string, field: string, encoding?: string): string {
	const option = encodingOption(encoding, field);
	const chosen = option === 'auto' ? detectSampleEncoding(wholeFileSample(bytes), file, field) : option;
	try {
		return new TextDecoder(chosen, { fatal: true }).decode(bytes);
	} catch (error) {
		throw new ConfigError(`${field}: "${file}" is not valid ${chosen} (${(error as Error).message})`);
	}
}

export async function readText(file: string, field: string, encoding?: string): Promise<string> {
	return decodeBytes(await readBytes(file, field), file, field, encoding);
}

/** Reads and validates the project file (UTF-8 JSON); relative paths in it resolve against baseDir. */
export async function readProjectConfig(
	configPath: string
): Promise<{ config: ProjectConfig; baseDir: string }> {
	const file = path.resolve(configPath);
	const text = await readText(file, 'config', 'utf-8');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(`config: "${file}" is not valid JSON (${(error as Error).message})`);
	}
	return { config: parseProjectConfig(json), baseDir: path.dirname(file) };
}
