/**
 * The project file's `decisions` field: decisions on peculiar values (特異な記述, issue 5 step 4),
 * `[{ "attribute", "value", "action", "bound"?, "note"? }]`, validated with messages naming the field
 * and index (`decisions[2].bound: …`). What each action does: peculiar/decisions.ts.
 *
 * - `attribute` must be a quasi-identifier of `attributes` (only their values are generalized, coded or
 *   suppressed); `keep` is allowed for any attribute, to document a value that stays.
 * - `bound` only for top-/bottom-coding; it must be comparable with `value` (both numbers or both dates).
 * - `note` is optional and read as "" when absent: the processing record shows an empty note, and the
 *   匿名加工 checklist asks for a reason — the file does not refuse a decision without one.
 * - One decision per (attribute, value).
 *
 * Earlier versions kept the decisions under `ui.peculiar`; a file with no `decisions` reads them there.
 */
import { compareValues, type PeculiarAction, type PeculiarDecision } from '../peculiar/decisions';
import { ConfigError, isObject, object, oneOf, ownValue, type Json } from './json-fields';

const ACTIONS: readonly PeculiarAction[] = ['generalize', 'top-code', 'bottom-code', 'suppress', 'keep'];

function text(value: unknown, field: string): string {
	if (typeof value !== 'string') throw new ConfigError(`${field}: expected a string`);
	return value;
}

/**
 * The decisions of a parsed project file: `decisions`, or the legacy `ui.peculiar` when it is absent
 * (then read once and dropped from `ui`, so a saved file holds them once).
 */
export function projectDecisions(
	root: Json,
	attributes: Record<string, { role: string }>
): { decisions?: PeculiarDecision[]; ui: unknown } {
	if (root.decisions !== undefined)
		return { decisions: parseDecisions(root.decisions, attributes), ui: root.ui };
	const ui = root.ui;
	if (!isObject(ui) || ui.peculiar === undefined) return { ui };
	const { peculiar, ...rest } = ui;
	return { decisions: parseDecisions(peculiar, attributes), ui: rest };
}

/** Validates the decisions against the project's attributes. */
export function parseDecisions(
	value: unknown,
	attributes: Record<string, { role: string }>
): PeculiarDecision[] {
	if (!Array.isArray(value)) throw new ConfigError('decisions: expected an array of decisions');
	const seen = new Set<string>();
	return value.map((raw, i) => {
		const field = `decisions[${i}]`;
		const d = object(raw, field);
		const attribute = text(d.attribute, `${field}.attribute`);
		const role = ownValue(attributes, attribute)?.role;
		if (role === undefined) {
			throw new ConfigError(`${field}.attribute: no attribute named "${attribute}" in "attributes"`);
		}
		const valueText = text(d.value, `${field}.value`);
		const action = oneOf(d.action, `${field}.action`, ACTIONS);
		if (action !== 'keep' && role !== 'quasi-identifying') {
			throw new ConfigError(
				`${field}.action: "${attribute}" is not a quasi-identifier; only quasi-identifiers' values are ` +
					`generalized, coded or suppressed (use "keep" or give it the role "quasi-identifying")`
			);
		}
		const key = `${attribute}\u0000${valueText}`;
		if (seen.has(key)) {
			throw new ConfigError(`${field}: "${valueText}" of "${attribute}" is decided twice`);
		}
		seen.add(key);
		const decision: { -readonly [K in keyof PeculiarDecision]: PeculiarDecision[K] } = {
			attribute,
			value: valueText,
			action,
			note: d.note === undefined ? '' : text(d.note, `${field}.note`)
		};
		if (d.bound !== undefined) {
			if (action !== 'top-code' && action !== 'bottom-code') {
				throw new ConfigError(`${field}.bound: only top-code and bottom-code decisions have a bound`);
			}
			decision.bound = text(d.bound, `${field}.bound`);
		}
		if (action === 'top-code' || action === 'bottom-code') {
			const bound = decision.bound ?? valueText;
			if (compareValues(valueText, bound) === null) {
				throw new ConfigError(
					`${field}.bound: "${bound}" cannot be compared with "${valueText}" (both must be numbers or dates)`
				);
			}
		}
		return decision;
	});
}
