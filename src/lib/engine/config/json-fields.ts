/**
 * Reading fields of parsed JSON with errors that name the field (`privacy[1].l: …`): the one error
 * type of a bad project file, {@link ConfigError}, and the typed readers the config parser uses.
 */
export class ConfigError extends Error {
	readonly code = 'BAD_CONFIG';
	constructor(message: string) {
		super(message);
		this.name = 'ConfigError';
	}
}

export type Json = Record<string, unknown>;

/**
 * The entry of that name, own properties only: names come from the file, and "constructor" or
 * "toString" must not find Object.prototype's members.
 */
export function ownValue<T>(record: Record<string, T>, name: string): T | undefined {
	return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Sets a key read from the file; a column named "__proto__" stays a key (plain assignment would not). */
export function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
	Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, field: string): Json {
	if (!isObject(value)) throw new ConfigError(`${field}: expected an object`);
	return value;
}

export function string(value: unknown, field: string): string {
	if (typeof value !== 'string' || value === '')
		throw new ConfigError(`${field}: expected a non-empty string`);
	return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
	return value === undefined ? undefined : string(value, field);
}

export function number(value: unknown, field: string, min = -Infinity, max = Infinity): number {
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw new ConfigError(`${field}: expected a number`);
	if (value < min || value > max) throw new ConfigError(`${field}: ${value} is outside [${min}, ${max}]`);
	return value;
}

export function optionalNumber(
	value: unknown,
	field: string,
	min?: number,
	max?: number
): number | undefined {
	return value === undefined ? undefined : number(value, field, min, max);
}

export function integer(value: unknown, field: string, min: number): number {
	const n = number(value, field, min);
	if (!Number.isInteger(n)) throw new ConfigError(`${field}: expected an integer, got ${n}`);
	return n;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw new ConfigError(`${field}: expected one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
	}
	return value as T;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw new ConfigError(`${field}: expected true or false`);
	return value;
}
