/**
 * Small readers for builder specs. A spec is plain JSON (saved in project files and CLI configs), so
 * every field is checked at run time; errors are HierarchyErrors (code 'BAD_HIERARCHY') that name the
 * field by its path, e.g. `hierarchy.levels[1].width`.
 */
import { HierarchyError } from '../hierarchy';

export type Fields = Record<string, unknown>;

export function fail(message: string): never {
	throw new HierarchyError(message);
}

export function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

export function asObject(value: unknown, path: string): Fields {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		fail(`${path}: expected an object, got ${show(value)}`);
	}
	return value as Fields;
}

/** Rejects fields the builder does not know, so typos ("widht") do not pass silently. */
export function onlyFields(spec: Fields, allowed: readonly string[], path: string): void {
	for (const key of Object.keys(spec)) {
		if (!allowed.includes(key)) {
			fail(
				`${path}.${key}: unknown option for builder "${String(spec.builder)}" (allowed: ${allowed.join(', ')})`
			);
		}
	}
}

export function optionalString(spec: Fields, key: string, path: string): string | undefined {
	const value = spec[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'string') fail(`${path}.${key}: expected a string, got ${show(value)}`);
	return value;
}

export function optionalLabel(spec: Fields, key: string, path: string): string | undefined {
	const value = optionalString(spec, key, path);
	if (value !== undefined && value.trim() === '') fail(`${path}.${key}: a label cannot be empty`);
	return value;
}

export function optionalBoolean(spec: Fields, key: string, path: string): boolean | undefined {
	const value = spec[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') fail(`${path}.${key}: expected true or false, got ${show(value)}`);
	return value;
}

export function optionalNumber(spec: Fields, key: string, path: string): number | undefined {
	const value = spec[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		fail(`${path}.${key}: expected a finite number, got ${show(value)}`);
	}
	return value;
}

export function optionalEnum<T extends string>(
	spec: Fields,
	key: string,
	allowed: readonly T[],
	path: string
): T | undefined {
	const value = spec[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		fail(`${path}.${key}: expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${show(value)}`);
	}
	return value as T;
}

export function positiveInteger(value: unknown, path: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		fail(`${path}: expected a positive integer, got ${show(value)}`);
	}
	return value;
}

export function optionalArray(spec: Fields, key: string, path: string): unknown[] | undefined {
	const value = spec[key];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.length === 0) {
		fail(`${path}.${key}: expected a non-empty array, got ${show(value)}`);
	}
	return value;
}

/** Checks that a list of numbers strictly increases (level parameters that must coarsen). */
export function strictlyIncreasing(values: readonly number[], path: string, what: string): void {
	for (let i = 1; i < values.length; i++) {
		if (!(values[i] > values[i - 1])) {
			fail(`${path}[${i}]: ${what} must increase from level to level (${values[i - 1]} then ${values[i]})`);
		}
	}
}
