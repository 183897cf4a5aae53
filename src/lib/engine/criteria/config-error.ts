/**
 * Errors raised while turning privacy-model specs into criteria. They carry a `code` rather than
 * relying on their class, because `instanceof` does not survive the worker boundary (DESIGN.md).
 */
export class CriterionConfigError extends Error {
	readonly code = 'BAD_CONFIG';
	constructor(message: string) {
		super(message);
		this.name = 'CriterionConfigError';
	}
}

/** Checks that `value` is a finite number in [min, max]; `field` names it in the message. */
export function requireNumber(value: unknown, field: string, min = -Infinity, max = Infinity): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new CriterionConfigError(`${field}: expected a number, got ${JSON.stringify(value)}`);
	}
	if (value < min || value > max) {
		const range = max === Infinity ? `≥ ${min}` : min === -Infinity ? `≤ ${max}` : `in [${min}, ${max}]`;
		throw new CriterionConfigError(`${field}: must be ${range}, got ${value}`);
	}
	return value;
}

/** Like requireNumber, and the value must be an integer. */
export function requireInteger(value: unknown, field: string, min = -Infinity, max = Infinity): number {
	const n = requireNumber(value, field, min, max);
	if (!Number.isInteger(n)) throw new CriterionConfigError(`${field}: must be an integer, got ${n}`);
	return n;
}
