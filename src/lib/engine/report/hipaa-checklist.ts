/**
 * HIPAA Safe Harbor (45 CFR §164.514(b)(2), DOMAIN.md §4.1) as checklist items with evidence. The tool
 * sees the project's roles, treatments, rules (builder specs) and the levels the apply used, and the
 * column names; it does not see free text, images or what the recipient knows. An item is `met` only
 * where those settings show it, `review` otherwise. Columns are recognized by their rule's builder
 * (date, age, mask with the postal preset, prefecture) or, without one, by their name (jp/identifiers).
 */
import type { ApplySummary } from '../apply/apply-rows';
import type { AttributeConfig, ProjectConfig } from '../config/project-config';
import { ageBandCuts, DEFAULT_AGE_TOP, type AgeBandSet } from '../jp/age-bands';
import { proposeRole, type RoleReason } from '../jp/identifiers';
import type { ChecklistItem } from './checklist';

type Text = { ja: string; en: string };

/** Ages above this are pooled into "90 or older" (§164.514(b)(2)(i)(C)). */
const HIPAA_AGE_TOP = 90;
/** Date levels that keep no element but the year (`years` is a span of whole years). */
const YEAR_LEVELS = new Set(['year', 'years', '*']);
/** Prefecture-builder levels at or above the prefecture, read as the state (an analog, not official). */
const STATE_LEVELS = new Set(['prefecture', 'region', 'kouseikyoku', '*']);
const DATE_REASONS = new Set<RoleReason>(['birth-date', 'death-date', 'event-date', 'date']);
const GEO_REASONS = new Set<RoleReason>(['postal-code', 'address', 'prefecture']);
/** A postal code has 7 digits (mask builder, postal preset). */
const POSTAL_DIGITS = 7;

/** The builder spec behind an attribute's hierarchy: `rule` (the browser keeps it beside the rows) or `hierarchy`. */
function ruleOf(attribute: AttributeConfig | undefined): Record<string, unknown> | undefined {
	for (const spec of [attribute?.rule, attribute?.hierarchy]) {
		if (typeof spec === 'object' && spec !== null && 'builder' in spec)
			return spec as Record<string, unknown>;
	}
	return undefined;
}

/** Default level chains of the builders (hierarchy/builders: date, age, prefecture, mask postal). */
const DEFAULT_LEVELS: Record<string, readonly unknown[]> = {
	date: ['month', 'year', 'years'],
	age: ['5y', '10y', '20y'],
	prefecture: ['prefecture', 'region'],
	mask: [4, 5]
};

/**
 * What level `level` of a builder's hierarchy holds: `original` at 0, the builder's level name (or,
 * for masks, the number of masked characters), then `*` — every builder ends with `*`.
 */
function levelOf(spec: Record<string, unknown>, level: number): unknown {
	if (level <= 0) return 'original';
	const chain = (spec.builder === 'mask' ? spec.masked : spec.levels) ?? DEFAULT_LEVELS[String(spec.builder)];
	const levels = Array.isArray(chain) ? chain : [];
	return level <= levels.length ? levels[level - 1] : '*';
}

interface Column {
	name: string;
	spec: Record<string, unknown> | undefined;
	/** The level name used (`original` for a column kept as is). */
	used: unknown;
	treatment: string;
	reason: RoleReason;
	hintsIdentifier: boolean;
}

function describe(c: Column): string {
	const used = c.treatment === 'date-shift' ? 'date-shift' : c.used;
	return c.spec ? `${c.name} (${String(c.spec.builder)}: ${String(used)})` : `${c.name} (${String(used)})`;
}

const list = (names: readonly string[]): string => (names.length === 0 ? '—' : names.join(', '));

function datesItem(columns: readonly Column[]): ChecklistItem {
	const dates = columns.filter(
		(c) =>
			c.spec?.builder === 'date' || c.treatment === 'date-shift' || (!c.spec && DATE_REASONS.has(c.reason))
	);
	const ok = dates.filter(
		(c) => c.spec?.builder === 'date' && c.treatment !== 'date-shift' && YEAR_LEVELS.has(String(c.used))
	);
	const open = dates.filter((c) => !ok.includes(c));
	return {
		id: 'hipaa-dates',
		title: {
			ja: '年を除く日付の要素（生年月日・入院日・退院日・死亡日など）の削除 (§164.514(b)(2)(i)(C))',
			en: 'All elements of dates (birth, admission, discharge, death…) except the year removed (§164.514(b)(2)(i)(C))'
		},
		status: open.length === 0 ? 'met' : 'review',
		evidence: {
			ja: `年以上に一般化した日付: ${list(ok.map(describe))}; 年より細かいか規則が見えない日付: ${list(open.map(describe))}`,
			en: `Dates at the year or coarser: ${list(ok.map(describe))}; dates finer than the year or without a visible rule: ${list(open.map(describe))}`
		}
	};
}

/** The lowest age of the top band at `set` (ages from there up are pooled). */
function topBandStart(spec: Record<string, unknown>, set: unknown): number {
	const top = typeof spec.top === 'number' ? spec.top : DEFAULT_AGE_TOP;
	const cuts = ageBandCuts(set as AgeBandSet, top);
	return cuts[cuts.length - 1];
}

function agesItem(columns: readonly Column[]): ChecklistItem {
	const ages = columns.filter((c) => c.spec?.builder === 'age' || (!c.spec && c.reason === 'age'));
	const ok = ages.filter(
		(c) =>
			c.spec?.builder === 'age' &&
			(c.used === '*' || (c.used !== 'original' && topBandStart(c.spec, c.used) <= HIPAA_AGE_TOP))
	);
	const open = ages.filter((c) => !ok.includes(c));
	// A birth year (or a 5-year span of them) still tells an age over 89: the rule pools those too.
	const births = columns.filter((c) => c.reason === 'birth-date' && c.used !== '*');
	return {
		id: 'hipaa-ages',
		title: {
			ja: '89歳を超える年齢（とそれを示す日付の要素）を「90歳以上」にまとめる (§164.514(b)(2)(i)(C))',
			en: 'Ages over 89, and date elements that reveal them, pooled into "90 or older" (§164.514(b)(2)(i)(C))'
		},
		status: open.length === 0 && births.length === 0 ? 'met' : 'review',
		evidence: {
			ja:
				`90歳以上をまとめた年齢: ${list(ok.map(describe))}; 確認が必要な年齢: ${list(open.map(describe))}` +
				(births.length > 0
					? `; 生年月日の列 ${list(births.map(describe))}: 年だけでも90歳以上と分かる生年は「90歳以上」にまとめてください`
					: ''),
			en:
				`Ages pooled at 90 or older: ${list(ok.map(describe))}; ages to check: ${list(open.map(describe))}` +
				(births.length > 0
					? `; birth-date columns ${list(births.map(describe))}: a birth year that shows an age over 89 must be pooled too`
					: '')
		}
	};
}

/** Digits a postal mask level leaves visible (7 at the original level, 0 at `*`). */
function postalDigitsKept(used: unknown): number {
	if (used === 'original') return POSTAL_DIGITS;
	return typeof used === 'number' ? Math.max(0, POSTAL_DIGITS - used) : 0;
}

function geographicItem(columns: readonly Column[]): ChecklistItem {
	const postal = (c: Column) => c.spec?.builder === 'mask' && c.spec.preset === 'postal';
	const geo = columns.filter(
		(c) => postal(c) || c.spec?.builder === 'prefecture' || GEO_REASONS.has(c.reason)
	);
	const ok = geo.filter(
		(c) =>
			(postal(c) && c.used === '*') || (c.spec?.builder === 'prefecture' && STATE_LEVELS.has(String(c.used)))
	);
	const zip3 = geo.filter((c) => postal(c) && postalDigitsKept(c.used) === 3);
	const open = geo.filter((c) => !ok.includes(c) && !zip3.includes(c));
	const smallZones = zip3.map(
		(c) => `${c.name}: ${Array.isArray(c.spec?.smallZones) ? c.spec.smallZones.length : 0}`
	);
	return {
		id: 'hipaa-geographic',
		title: {
			ja: '州より小さい地理的区分の削除（郵便番号は人口2万人超の区域に限り上3桁、それ以外は000） (§164.514(b)(2)(i)(B))',
			en: 'Geographic subdivisions smaller than a state removed (ZIP: first 3 digits only where that area has more than 20,000 people, else 000) (§164.514(b)(2)(i)(B))'
		},
		status: open.length === 0 && zip3.length === 0 ? 'met' : 'review',
		evidence: {
			ja:
				`都道府県（州に相当するものとして扱う。公式の対応ではない）以上: ${list(ok.map(describe))}; ` +
				`上3桁の郵便番号: ${list(zip3.map(describe))}` +
				(zip3.length > 0
					? `（000 にする人口2万人以下の区域の数 ${list(smallZones)}。区域の人口を確認してください）`
					: '') +
				`; より細かいか規則が見えない地域: ${list(open.map(describe))}`,
			en:
				`At the prefecture (read as the state; an analog, not official) or coarser: ${list(ok.map(describe))}; ` +
				`3-digit postal zones: ${list(zip3.map(describe))}` +
				(zip3.length > 0
					? ` (zones of ≤ 20,000 people written 000: ${list(smallZones)}; confirm the zone populations)`
					: '') +
				`; finer or without a visible rule: ${list(open.map(describe))}`
		}
	};
}

function text(ja: string, en: string): Text {
	return { ja, en };
}

export function hipaaChecklist(config: ProjectConfig, summary: ApplySummary): ChecklistItem[] {
	const { treatments } = summary.settings;
	const identifying = summary.columns.input.filter((n) => config.attributes[n]?.role === 'identifying');
	const byTreatment = (t: string) => identifying.filter((n) => treatments[n] === t);
	const removed = byTreatment('remove');
	const surrogates = byTreatment('surrogate');
	const pseudonyms = byTreatment('pseudonym');
	const columns: Column[] = summary.columns.input
		.filter((name) => treatments[name] !== 'remove' && config.attributes[name]?.role !== 'identifying')
		.map((name) => {
			const spec = ruleOf(config.attributes[name]);
			const proposal = proposeRole(name, []);
			return {
				name,
				spec,
				used: spec ? levelOf(spec, summary.transformation[name] ?? 0) : 'original',
				treatment: treatments[name],
				reason: proposal.reason,
				hintsIdentifier: proposal.role === 'identifying'
			};
		});
	const suspicious = columns.filter((c) => c.hintsIdentifier).map((c) => c.name);
	return [
		{
			id: 'hipaa-identifiers',
			title: text(
				'18種類の識別子（本人・親族・雇用主・世帯員の氏名、電話・FAX、電子メール、各種番号、URL、IPアドレス、生体情報、顔写真など）の削除 (§164.514(b)(2)(i))',
				'The 18 kinds of identifiers (of the individual, relatives, employers, household members: names, phone and fax, e-mail, numbers, URLs, IP addresses, biometrics, full-face photographs…) removed (§164.514(b)(2)(i))'
			),
			status: suspicious.length === 0 ? 'met' : 'review',
			evidence: text(
				`識別子として指定した列: 削除 ${list(removed)}; ランダム置換 ${list(surrogates)}; 鍵付きハッシュ ${list(pseudonyms)}。` +
					`残る列のうち名前が識別子を示すもの: ${list(suspicious)}。自由記述・画像の中の識別子はツールからは見えません。`,
				`Identifying columns: removed ${list(removed)}; random surrogates ${list(surrogates)}; keyed pseudonyms ${list(pseudonyms)}. ` +
					`Remaining columns whose name suggests an identifier: ${list(suspicious)}. Identifiers inside free text or images are not visible to the tool.`
			)
		},
		{
			id: 'hipaa-reidentification-code',
			title: text(
				'再識別用の符号は識別子から導出しない (§164.514(c))',
				'Re-identification codes are not derived from the identifiers (§164.514(c))'
			),
			status: pseudonyms.length === 0 ? 'met' : 'review',
			evidence: text(
				`リリースごとのランダム置換（対応表を残さない）: ${list(surrogates)}` +
					(pseudonyms.length > 0
						? `。鍵付きハッシュは識別子から導出された符号です: ${list(pseudonyms)}`
						: ''),
				`Random per-release surrogates (no mapping kept): ${list(surrogates)}` +
					(pseudonyms.length > 0
						? `. Keyed pseudonyms are derived from the identifier: ${list(pseudonyms)}`
						: '')
			)
		},
		geographicItem(columns),
		datesItem(columns),
		agesItem(columns),
		{
			id: 'hipaa-actual-knowledge',
			title: text(
				'残る情報で個人を識別できるという実際の知識がないこと (§164.514(b)(2)(ii))',
				'No actual knowledge that the remaining information could identify an individual (§164.514(b)(2)(ii))'
			),
			status: 'review',
			evidence: text(
				`出力される列: ${list(summary.columns.output)}。提供先が持つ情報と照らして、担当者が確認してください。`,
				`Output columns: ${list(summary.columns.output)}. A person has to confirm this against what the recipient knows.`
			)
		}
	];
}
