/**
 * Decisions on peculiar values (特異な記述, APPI 規則34条 measure 4), compiled once per attribute into
 * what every consumer needs — the live session, `tokumei search`/`risk`, apply (browser export and
 * the streaming CLI) and the SQL dialects — so they all mean the same thing:
 *
 * - `generalize`: the value is replaced by its level-1 label, which joins the hierarchy as a leaf with
 *   the same ancestors (every level stays consistent; Sweeney 2002's local recoding of one value).
 * - `top-code` / `bottom-code`: every value above (below) the bound is replaced by the bound
 *   (Hundepool et al., Statistical Disclosure Control, 2012, §3.4.4). The bound must be a value of the
 *   hierarchy (builders are given it as an extra value).
 * - `suppress`: records holding the value are suppressed (their QI cells masked, or the records left
 *   out) before the privacy models are checked; they are not part of the analysed data and so do not
 *   count against the suppression limit.
 * - `keep`: nothing changes (the note documents why the value may stay).
 *
 * Decisions apply to quasi-identifiers (parseProjectConfig refuses others).
 */
import { parseDateValue } from '../hierarchy/builders/date';
import { parseNumber } from '../hierarchy/builders/interval';

export type PeculiarAction = 'generalize' | 'top-code' | 'bottom-code' | 'suppress' | 'keep';

export interface PeculiarDecision {
	readonly attribute: string;
	readonly value: string;
	readonly action: PeculiarAction;
	/** top-code / bottom-code: the value that replaces every value beyond it (default: `value`). */
	readonly bound?: string;
	/** Why (kept in the processing record); may be empty. */
	readonly note: string;
}

export class PeculiarDecisionError extends Error {
	readonly code = 'BAD_DECISION';
	constructor(message: string) {
		super(message);
		this.name = 'PeculiarDecisionError';
	}
}

/** Day number of a calendar date (YYYY-MM-DD, 和暦, …) for ordering, or null. */
function dateKey(value: string): number | null {
	const d = parseDateValue(value);
	return d ? d.year * 10000 + d.month * 100 + (d.day ?? 0) : null;
}

/**
 * Orders two cell values numerically when both are numbers, else as dates when both are dates,
 * else null (not comparable: a bound must be of the same kind as the values it codes).
 */
export function compareValues(a: string, b: string): number | null {
	const x = parseNumber(a);
	const y = parseNumber(b);
	if (x !== null && y !== null) return x - y;
	const dx = dateKey(a);
	const dy = dateKey(b);
	if (dx !== null && dy !== null) return dx - dy;
	return null;
}

/** The decisions of one attribute that change something, with their index in the project's list. */
function activeDecisions(
	decisions: readonly PeculiarDecision[],
	attribute: string
): { decision: PeculiarDecision; index: number }[] {
	return decisions.flatMap((decision, index) =>
		decision.attribute === attribute && decision.action !== 'keep' ? [{ decision, index }] : []
	);
}

/** Top/bottom-code bounds of an attribute: values its hierarchy must also cover (builders get them). */
export function decisionBounds(decisions: readonly PeculiarDecision[], attribute: string): string[] {
	return activeDecisions(decisions, attribute)
		.filter(({ decision }) => decision.action === 'top-code' || decision.action === 'bottom-code')
		.map(({ decision }) => decision.bound ?? decision.value);
}

/** Whether any decision of the attribute changes or suppresses something. */
export function hasActiveDecisions(decisions: readonly PeculiarDecision[], attribute: string): boolean {
	return activeDecisions(decisions, attribute).length > 0;
}

/**
 * The decisions of one attribute against its hierarchy rows (ARX layout; null without a hierarchy):
 * the extended rows, the value each raw value becomes, and the values whose records are suppressed.
 * Errors name the decision (`decisions[2]: …`).
 */
export class DecidedAttribute {
	/** The hierarchy rows plus one row per generalization label that was not a leaf yet. */
	readonly rows: string[][] | null;
	/** Raw values whose records are suppressed. */
	readonly suppressed: ReadonlySet<string>;
	/** Raw value → generalization label (generalize decisions). */
	private readonly labels = new Map<string, string>();
	private readonly codings: { bound: string; above: boolean }[] = [];
	private readonly cache = new Map<string, string>();

	constructor(
		readonly attribute: string,
		rows: readonly (readonly string[])[] | null,
		decisions: readonly PeculiarDecision[]
	) {
		const mine = activeDecisions(decisions, attribute);
		const outRows = rows ? rows.map((r) => [...r]) : null;
		const byLeaf = outRows ? new Map(outRows.map((r) => [r[0], r])) : null;
		const suppressed = new Set<string>();
		for (const { decision: d, index } of mine) {
			const field = `decisions[${index}]`;
			if (d.action === 'suppress') suppressed.add(d.value);
			else if (d.action === 'generalize') {
				const row = byLeaf?.get(d.value);
				if (!row || row.length < 2) {
					throw new PeculiarDecisionError(
						`${field}: "${d.value}" of "${attribute}" has no hierarchy to generalize it with`
					);
				}
				const label = row[1];
				const existing = byLeaf!.get(label);
				if (existing && existing.slice(1).join('\u0000') !== row.slice(1).join('\u0000')) {
					throw new PeculiarDecisionError(
						`${field}: the label "${label}" is already a value of "${attribute}" with other groups`
					);
				}
				if (!existing) {
					const extra = [label, ...row.slice(1)];
					outRows!.push(extra);
					byLeaf!.set(label, extra);
				}
				this.labels.set(d.value, label);
			} else {
				const bound = d.bound ?? d.value;
				if (byLeaf && !byLeaf.has(bound)) {
					throw new PeculiarDecisionError(
						`${field}.bound: "${bound}" is not a value of the hierarchy of "${attribute}"`
					);
				}
				this.codings.push({ bound, above: d.action === 'top-code' });
			}
		}
		this.rows = outRows;
		this.suppressed = suppressed;
	}

	/** Whether anything changes: a replaced value or a suppressed one. */
	get active(): boolean {
		return this.suppressed.size > 0 || this.labels.size > 0 || this.codings.length > 0;
	}

	/**
	 * The value a raw value becomes: its generalization label, else the last top/bottom-code bound it
	 * lies beyond (decisions in file order), else itself.
	 */
	replacement(value: string): string {
		const cached = this.cache.get(value);
		if (cached !== undefined) return cached;
		let result = this.labels.get(value) ?? value;
		if (result === value) {
			for (const { bound, above } of this.codings) {
				const cmp = compareValues(value, bound);
				if (cmp !== null && (above ? cmp > 0 : cmp < 0)) result = bound;
			}
		}
		// Bounded: a raw value is asked once per distinct value (hierarchy leaves, dictionary values).
		if (this.cache.size < 1 << 20) this.cache.set(value, result);
		return result;
	}

	isSuppressed(value: string): boolean {
		return this.suppressed.has(value);
	}
}
