/**
 * Presets (issue 5): pure data plus a function that fills a project's roles, rules and privacy
 * models from the role proposals of jp/identifiers. Everything a preset fills stays editable.
 *
 * - 次世代医療基盤法・匿名加工 (DOMAIN.md §1.2, §1.6): identifiers removed, 個人識別符号 removed,
 *   linking IDs replaced by per-release surrogates, age bands with 90歳以上, address → 都道府県,
 *   dates → 年月, k from the Japanese practice presets 5 / 10 / 11 / 20 (§2.4).
 * - 仮名加工 (§1.5): the three measures only; linking IDs become keyed pseudonyms (HMAC), no privacy
 *   model, peculiar values may stay (the UI warns).
 * - HIPAA Safe Harbor (45 CFR §164.514(b)(2), §4.1): the 18 identifiers removed, ZIP3, ages over 89
 *   pooled, dates to the year.
 */
import type { AttributeConfig, PrivacyModelSpec } from '../config/project-config';
import type { RoleProposal } from '../jp/identifiers';

export type PresetId = 'anonymous' | 'pseudonymous' | 'hipaa';
export const PRESET_IDS: readonly PresetId[] = ['anonymous', 'pseudonymous', 'hipaa'];

export interface KPreset {
	readonly id: 'internal' | 'standard' | 'public' | 'strict';
	readonly k: number;
	/** Highest prosecutor risk the level accepts (1/k rounded as in DOMAIN.md §2.4). */
	readonly maxRisk: number;
}

/** DOMAIN.md §2.4: 内部検討 5, 標準 10 (default), 公開相当 11, 厳格 20. */
export const K_PRESETS: readonly KPreset[] = [
	{ id: 'internal', k: 5, maxRisk: 0.2 },
	{ id: 'standard', k: 10, maxRisk: 0.1 },
	{ id: 'public', k: 11, maxRisk: 0.09 },
	{ id: 'strict', k: 20, maxRisk: 0.05 }
];
export const DEFAULT_K = 10;

/** Share of records a preset lets the search suppress (ARX's suppression limit). */
export const PRESET_SUPPRESSION_LIMIT = 0.05;

/** Reasons that mark a linking code (measure 3): replaced, not merely deleted. */
const LINKING_REASONS = new Set(['patient-id', 'unique-code']);

export interface PresetColumn {
	readonly name: string;
	readonly proposal: RoleProposal;
}

export interface FilledProject {
	readonly attributes: Record<string, AttributeConfig>;
	readonly privacy: PrivacyModelSpec[];
	readonly suppressionLimit: number;
	/** Starting levels per quasi-identifier (the rule the preset prescribes, e.g. dates → year). */
	readonly transformation: Record<string, number>;
}

type Rule = { hierarchy?: AttributeConfig['hierarchy']; level?: number };

function anonymousRule(p: RoleProposal): Rule {
	switch (p.reason) {
		case 'birth-date':
			// 生年月日 → 生年月 at least (PPC guideline example), coarser levels for the search.
			return { hierarchy: { builder: 'date', levels: ['month', 'year', 'years'] }, level: 1 };
		case 'event-date':
		case 'death-date':
		case 'date':
			return { hierarchy: { builder: 'date', levels: ['month', 'year'] }, level: 1 };
		case 'age':
			return { hierarchy: { builder: 'age', top: 90 }, level: 1 };
		case 'address':
		case 'prefecture':
			return { hierarchy: { builder: 'prefecture' }, level: p.reason === 'address' ? 1 : 0 };
		case 'postal-code':
			return { hierarchy: { builder: 'mask', preset: 'postal' }, level: 1 };
		default:
			return p.suggestedHierarchy ? { hierarchy: { ...p.suggestedHierarchy }, level: 0 } : {};
	}
}

function hipaaRule(p: RoleProposal): Rule {
	switch (p.reason) {
		case 'birth-date':
		case 'event-date':
		case 'death-date':
		case 'date':
			// All elements of dates except the year.
			return { hierarchy: { builder: 'date', levels: ['year', 'years'] }, level: 1 };
		case 'age':
			// Ages over 89 pooled into "90 or older".
			return { hierarchy: { builder: 'age', top: 90, style: 'en' }, level: 1 };
		case 'postal-code':
			// ZIP3: the first three digits (the small-zone list is the user's to add).
			return { hierarchy: { builder: 'mask', preset: 'postal', masked: [4, 7] }, level: 1 };
		case 'address':
			return { hierarchy: { builder: 'prefecture' }, level: 1 };
		default:
			return p.suggestedHierarchy ? { hierarchy: { ...p.suggestedHierarchy }, level: 0 } : {};
	}
}

/** The treatment of an identifying column under a preset (apply/apply-config.ts Treatment). */
export function identifierTreatment(
	preset: PresetId,
	proposal: RoleProposal
): 'remove' | 'surrogate' | 'pseudonym' {
	if (proposal.personalIdentificationCode || !LINKING_REASONS.has(proposal.reason)) return 'remove';
	if (preset === 'anonymous') return 'surrogate';
	if (preset === 'pseudonymous') return 'pseudonym';
	return 'remove';
}

/**
 * Fills roles, rules and privacy models for a preset from the role proposals. `k` (匿名加工 only)
 * defaults to 10, the 標準 preset.
 */
export function fillFromPreset(
	preset: PresetId,
	columns: readonly PresetColumn[],
	options: { k?: number } = {}
): FilledProject {
	const attributes: Record<string, AttributeConfig> = {};
	const transformation: Record<string, number> = {};
	for (const { name, proposal } of columns) {
		const role = proposal.role;
		if (role === 'identifying') {
			attributes[name] = { role, treatment: identifierTreatment(preset, proposal) };
			continue;
		}
		if (role !== 'quasi-identifying') {
			attributes[name] = { role };
			continue;
		}
		const rule = preset === 'hipaa' ? hipaaRule(proposal) : anonymousRule(proposal);
		// 仮名加工 keeps the values: the quasi-identifiers get their hierarchies but stay at level 0.
		const level = preset === 'pseudonymous' ? 0 : (rule.level ?? 0);
		attributes[name] = rule.hierarchy ? { role, hierarchy: rule.hierarchy } : { role };
		if (rule.hierarchy) transformation[name] = level;
	}
	const privacy: PrivacyModelSpec[] =
		preset === 'anonymous' ? [{ model: 'k-anonymity', k: options.k ?? DEFAULT_K }] : [];
	return {
		attributes,
		privacy,
		suppressionLimit: preset === 'anonymous' ? PRESET_SUPPRESSION_LIMIT : 0,
		transformation
	};
}

export type MeasureStatus = 'done' | 'todo' | 'not-applicable';

export interface ChecklistItem {
	readonly id: string;
	readonly status: MeasureStatus;
	/** Columns (or values) still in the way. */
	readonly pending: readonly string[];
}

export interface ChecklistInput {
	readonly columns: readonly PresetColumn[];
	readonly attributes: Readonly<Record<string, AttributeConfig>>;
	/** Number of peculiar findings and of those with a decision; `searched` false until looked for. */
	readonly peculiar: { readonly found: number; readonly decided: number; readonly searched?: boolean };
	/** Whether the current rules meet the privacy models (null: not evaluated / no model). */
	readonly anonymous: boolean | null;
}

const IDENTIFYING_REASONS = new Set([
	'person-name',
	'kana-name',
	'phone',
	'email',
	'url',
	'ip-address',
	'doctor',
	'free-text',
	'special-notes'
]);

const removedOrReplaced = (a: AttributeConfig | undefined) =>
	a?.role === 'identifying' && a.treatment !== 'keep';

/**
 * 匿名加工 measures (DOMAIN.md §1.2) for 匿名加工 and the first three for 仮名加工 (§1.5; its third,
 * financial-damage descriptions, is checked as "identifying descriptions" here), tied to the data.
 */
export function presetChecklist(preset: PresetId, input: ChecklistInput): ChecklistItem[] {
	const pendingOf = (test: (c: PresetColumn) => boolean, ok: (a: AttributeConfig | undefined) => boolean) =>
		input.columns.filter((c) => test(c) && !ok(input.attributes[c.name])).map((c) => c.name);
	const item = (id: string, pending: string[], applicable = true): ChecklistItem => ({
		id,
		status: !applicable ? 'not-applicable' : pending.length === 0 ? 'done' : 'todo',
		pending
	});
	const identifying = pendingOf((c) => IDENTIFYING_REASONS.has(c.proposal.reason), removedOrReplaced);
	const pic = pendingOf(
		(c) => c.proposal.personalIdentificationCode === true,
		(a) => a?.role === 'identifying' && (a.treatment === undefined || a.treatment === 'remove')
	);
	const linking = pendingOf((c) => LINKING_REASONS.has(c.proposal.reason), removedOrReplaced);
	const items = [item('identifiers', identifying), item('pic', pic), item('linking', linking)];
	if (preset === 'pseudonymous') return items;
	const peculiarPending = input.peculiar.found - input.peculiar.decided;
	items.push({
		id: 'peculiar',
		status: input.peculiar.searched !== false && peculiarPending === 0 ? 'done' : 'todo',
		pending: peculiarPending > 0 ? [String(peculiarPending)] : []
	});
	items.push({
		id: 'risk',
		status: input.anonymous === true ? 'done' : input.anonymous === null ? 'not-applicable' : 'todo',
		pending: []
	});
	return items;
}
