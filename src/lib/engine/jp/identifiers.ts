/**
 * Column-role proposals for step 1 of the rule design flow (issue 5): given a column's name and a sample
 * of its values, propose identifying / quasi-identifying / sensitive / insensitive, with a reason code
 * (the UI translates by code) and an English sentence. The rules follow DOMAIN.md §1.2 (the five
 * measures: identifying descriptions, 個人識別符号, linking codes), §1.6 (per-element defaults) and the
 * cross-format identifier inventory of §3.6, with the HIPAA identifiers of §4.1 for English headers.
 *
 * Evidence is scored: a column-name keyword counts 2, values that match a pattern count 2 (strong) or
 * 1 (weak), a valid マイナンバー check digit on most values counts 3. The best-scoring rule wins; ties go
 * to the earlier rule, so identifiers come before quasi-identifiers and those before sensitive data.
 */
import type { HierarchyBuilderSpec } from '../hierarchy/builders';
import { keywordHit } from './identifier-keywords';
import { allMatch, RULES, type ColumnRole, type Rule, type RoleReason } from './identifier-rules';
import * as V from './identifier-values';

export type { ColumnRole, RoleReason };

export interface RoleProposal {
	role: ColumnRole;
	reason: RoleReason;
	/** English explanation (the UI translates by `reason`). */
	message: string;
	/** 0–1: how sure the proposal is (name and values agreeing is surest). */
	confidence: number;
	evidence: 'name' | 'values' | 'name+values' | 'none';
	/** The column-name keyword that matched, if any. */
	keyword?: string;
	/** Share of sampled non-empty values that matched the rule's value pattern, if it has one. */
	matchRate?: number;
	/** 個人識別符号 (DOMAIN.md §1.2 measure 2): must be deleted in every mode, never kept or coarsened. */
	personalIdentificationCode?: boolean;
	/** A builder spec to start the hierarchy from (quasi-identifiers and coded sensitive attributes). */
	suggestedHierarchy?: HierarchyBuilderSpec;
}

export interface ColumnStats {
	/** Distinct values in the whole column (the sample may be smaller). */
	distinctCount?: number;
	/** Rows in the whole column. */
	rowCount?: number;
}

const VALUE_ONLY_MIN_SAMPLE = 3;
const MAX_SAMPLE = 5000;

function uniqueCodeScore(sample: readonly string[], stats: ColumnStats): number {
	if (sample.length < 20) return 0;
	const distinctShare =
		stats.distinctCount !== undefined && stats.rowCount
			? stats.distinctCount / stats.rowCount
			: new Set(sample).size / sample.length;
	if (distinctShare < 0.95) return 0;
	return allMatch(sample, V.isCodeLike) >= 0.95 ? 2 : 0;
}

/**
 * Proposes a role for one column from its name and a sample of its values (a few hundred rows are
 * plenty). `stats` (whole-column distinct and row counts) sharpens the unique-ID test.
 */
export function proposeRole(name: string, values: readonly string[], stats: ColumnStats = {}): RoleProposal {
	// A few thousand cells decide as well as a million; whole-column counts come through `stats`.
	const sample = values
		.slice(0, MAX_SAMPLE)
		.map(V.normalizeCell)
		.filter((v) => v !== '');
	let best: { rule: Rule; score: number; keyword?: string; rate?: number; valueScore: number } | undefined;
	for (const rule of RULES) {
		const keyword = rule.keywords ? keywordHit(name, rule.keywords) : undefined;
		let valueScore = 0;
		let rate: number | undefined;
		const test = rule.values;
		if (test && sample.length > 0) {
			const threshold = test.rate ?? 0.8;
			const strongRate = test.strong ? allMatch(sample, test.strong) : 0;
			const weakRate = test.weak ? allMatch(sample, (v) => test.weak!(v) || (test.strong?.(v) ?? false)) : 0;
			rate = Math.max(strongRate, weakRate);
			const enough = keyword !== undefined || (sample.length >= VALUE_ONLY_MIN_SAMPLE && !test.onlyWithName);
			if (enough && strongRate >= threshold) valueScore = test.strongScore ?? 2;
			else if (enough && weakRate >= threshold) valueScore = 1;
		}
		const score = (keyword !== undefined ? 2 : 0) + valueScore;
		if (score > 0 && (!best || score > best.score)) best = { rule, score, keyword, rate, valueScore };
	}
	const unique = uniqueCodeScore(sample, stats);
	if (unique > 0 && (!best || unique > best.score)) {
		return {
			role: 'identifying',
			reason: 'unique-code',
			message:
				'Every value is a distinct code, like a patient or record ID: treat it as a linking code and replace it',
			confidence: 0.7,
			evidence: 'values',
			matchRate: 1
		};
	}
	if (!best) {
		return {
			role: 'insensitive',
			reason: 'no-evidence',
			message: 'Nothing in the column name or values suggests personal data',
			confidence: 0.5,
			evidence: 'none'
		};
	}
	const { rule, keyword, rate, valueScore } = best;
	const evidence = keyword !== undefined ? (valueScore > 0 ? 'name+values' : 'name') : 'values';
	const because =
		evidence === 'values'
			? ` (${Math.round((rate ?? 0) * 100)}% of sampled values match)`
			: ` (column name matches "${keyword}"${valueScore > 0 ? ' and the values agree' : ''})`;
	const hierarchy = typeof rule.hierarchy === 'function' ? rule.hierarchy(sample) : rule.hierarchy;
	const proposal: RoleProposal = {
		role: rule.role,
		reason: rule.reason,
		message: rule.text + because,
		confidence: evidence === 'name+values' ? 0.95 : evidence === 'name' ? 0.8 : valueScore >= 2 ? 0.75 : 0.55,
		evidence
	};
	if (keyword !== undefined) proposal.keyword = keyword;
	if (rate !== undefined) proposal.matchRate = rate;
	if (rule.pic) proposal.personalIdentificationCode = true;
	if (hierarchy && rule.role !== 'identifying') proposal.suggestedHierarchy = hierarchy;
	return proposal;
}

/** Proposals for every column of a table, in column order. */
export function proposeRoles(
	columns: readonly { name: string; values: readonly string[]; stats?: ColumnStats }[]
): RoleProposal[] {
	return columns.map((c) => proposeRole(c.name, c.values, c.stats));
}
