/**
 * The project file on disk (DESIGN.md "Contracts"): versioned JSON (`"tokumei": 1`), written with a
 * stable key order so that the same project always gives the same bytes and the same SHA-256 (the
 * hash the processing record cites). Loading checks the version, runs the migrations from older
 * versions, then validates with parseProjectConfig. A project file never holds a secret: keys are
 * refused on save and on load.
 */
import { ConfigError, parseProjectConfig, type ProjectConfig } from '../config/project-config';

export const PROJECT_VERSION = 1;

/** Top-level fields in the order they are written; others follow alphabetically. */
const TOP_LEVEL_ORDER = [
	'tokumei',
	'data',
	'attributes',
	'privacy',
	'suppressionLimit',
	'quality',
	'search',
	'transformation',
	'patient',
	'output',
	'decisions'
];

/** Field names that would hold a key or secret (pseudonymization keys, HMAC salts, passphrases). */
const SECRET_FIELDS = /^(key|keys|secret|secrets|salt|passphrase|password|hmacKey|pseudonymKey|privateKey)$/i;

/**
 * Migrations from version n to n + 1, applied in order on load. Version 1 is the first version,
 * so the list is empty; a future version 2 adds `1: (json) => …` here.
 */
export const MIGRATIONS: Readonly<
	Record<number, (json: Record<string, unknown>) => Record<string, unknown>>
> = {};

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a project file was refused, for a message in the reader's language. */
export type ProjectFileProblem = 'json' | 'version' | 'secret' | 'invalid';

/**
 * A refused project file: a ConfigError (code BAD_CONFIG, message naming the field) that also says
 * which kind of problem it is.
 */
export class ProjectFileError extends ConfigError {
	constructor(
		readonly problem: ProjectFileProblem,
		message: string
	) {
		super(message);
		this.name = 'ProjectFileError';
	}
}

/** Throws when any field, at any depth, is named like a secret. */
export function assertNoSecrets(value: unknown, field = 'config'): void {
	if (Array.isArray(value)) {
		value.forEach((item, i) => assertNoSecrets(item, `${field}[${i}]`));
		return;
	}
	if (!isObject(value)) return;
	for (const [name, child] of Object.entries(value)) {
		if (SECRET_FIELDS.test(name)) {
			throw new ConfigError(`${field}.${name}: a project file must not contain keys or secrets`);
		}
		assertNoSecrets(child, `${field}.${name}`);
	}
}

/**
 * Orders keys: the top level as {@link TOP_LEVEL_ORDER}, nested objects alphabetically by UTF-16 code
 * units, except `attributes` (data column order is meaningful to a reader) and arrays (order is data).
 */
function ordered(value: unknown, depth: number, keepOrder: boolean): unknown {
	if (Array.isArray(value)) return value.map((v) => ordered(v, depth + 1, false));
	if (!isObject(value)) return value;
	const keys = Object.keys(value).filter((k) => value[k] !== undefined);
	if (depth === 0) {
		keys.sort((a, b) => {
			const ia = TOP_LEVEL_ORDER.indexOf(a);
			const ib = TOP_LEVEL_ORDER.indexOf(b);
			if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
			return a < b ? -1 : a > b ? 1 : 0;
		});
	} else if (!keepOrder) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const out: Record<string, unknown> = {};
	for (const key of keys) out[key] = ordered(value[key], depth + 1, depth === 0 && key === 'attributes');
	return out;
}

/** The project file's text: validated, secret-free, stable key order, tabs, final newline. */
export function serializeProject(config: ProjectConfig): string {
	assertNoSecrets(config);
	parseProjectConfig(config);
	return JSON.stringify(ordered(config, 0, false), null, '\t') + '\n';
}

/** Lowercase hex SHA-256 (Web Crypto: browsers and Node ≥ 20). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
	const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
	let hex = '';
	for (const b of digest) hex += b.toString(16).padStart(2, '0');
	return hex;
}

/** SHA-256 of the serialized project: the same project gives the same hash whatever its key order. */
export function projectHash(config: ProjectConfig): Promise<string> {
	return sha256Hex(serializeProject(config));
}

/** Reads a project file's text: JSON, version (with migrations), secrets, then full validation. */
export function loadProjectFile(text: string): ProjectConfig {
	let json: unknown;
	try {
		json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch (error) {
		throw new ProjectFileError('json', `The project file is not valid JSON (${(error as Error).message}).`);
	}
	if (!isObject(json)) throw new ProjectFileError('json', 'The project file must be a JSON object.');
	let version = json.tokumei;
	if (version === undefined) {
		throw new ProjectFileError(
			'version',
			'tokumei: this is not a Tokumei project file (the "tokumei" version field is missing)'
		);
	}
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw new ProjectFileError(
			'version',
			`tokumei: ${JSON.stringify(version)} is not a project file version`
		);
	}
	if (version > PROJECT_VERSION) {
		throw new ProjectFileError(
			'version',
			`tokumei: the project file has version ${version}, made by a newer Tokumei; this one reads up to version ${PROJECT_VERSION}`
		);
	}
	let migrated: Record<string, unknown> = json;
	while (version < PROJECT_VERSION) {
		const migrate = MIGRATIONS[version];
		if (!migrate) throw new ProjectFileError('version', `tokumei: no migration from version ${version}`);
		migrated = { ...migrate(migrated), tokumei: version + 1 };
		version++;
	}
	try {
		assertNoSecrets(migrated);
	} catch (error) {
		throw new ProjectFileError('secret', (error as Error).message);
	}
	try {
		return parseProjectConfig(migrated);
	} catch (error) {
		if (error instanceof ConfigError) throw new ProjectFileError('invalid', error.message);
		throw error;
	}
}
