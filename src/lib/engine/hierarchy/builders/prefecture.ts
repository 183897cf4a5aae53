/**
 * Address / 都道府県 hierarchy (DOMAIN.md §5.1): a JIS X 0401 code (`13`, `1`), a prefecture name in either
 * form (`東京都`, `東京`), romaji, or a full address starting with the prefecture (`東京都千代田区…`) →
 * optionally 市区町村 and its 郡/政令市 (jp/municipality, PPC 事例編: 町村 no finer than 郡) → prefecture →
 * 地方 (8-region scheme, or the 地方厚生局 grouping) → `*` (全国). Values naming no prefecture go to
 * `missing`; values that name only a prefecture keep it at the 市区町村 levels. The two groupings do not
 * nest (福井, 三重), so only one of them can be used.
 */
import { parseAddress, type AddressParts } from '../../jp/municipality';
import {
	asObject,
	fail,
	onlyFields,
	optionalArray,
	optionalBoolean,
	optionalEnum,
	optionalLabel,
	show
} from './spec-fields';

export type PrefectureLevel = 'municipality' | 'city' | 'prefecture' | 'region' | 'kouseikyoku';
const LEVELS: readonly PrefectureLevel[] = ['municipality', 'city', 'prefecture', 'region', 'kouseikyoku'];

export interface PrefectureSpec {
	builder: 'prefecture';
	/** Default `["prefecture", "region"]`. */
	levels?: PrefectureLevel[];
	/** Prefecture labels: `name` (東京都, default) or `code` (13). */
	labels?: 'name' | 'code';
	missing?: string;
	strict?: boolean;
}

export function parsePrefectureSpec(raw: unknown, path = 'hierarchy'): PrefectureSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, ['builder', 'levels', 'labels', 'missing', 'strict'], path);
	const levels = optionalArray(spec, 'levels', path)?.map((l, i) => {
		if (typeof l !== 'string' || !(LEVELS as readonly string[]).includes(l)) {
			fail(`${path}.levels[${i}]: expected one of ${LEVELS.join(', ')}, got ${show(l)}`);
		}
		return l as PrefectureLevel;
	});
	if (levels) {
		if (levels.includes('region') && levels.includes('kouseikyoku')) {
			fail(`${path}.levels: "region" and "kouseikyoku" group prefectures differently and cannot be stacked`);
		}
		levels.forEach((l, i) => {
			if (i > 0 && LEVELS.indexOf(l) <= LEVELS.indexOf(levels[i - 1])) {
				fail(`${path}.levels[${i}]: "${l}" cannot follow "${levels[i - 1]}"`);
			}
		});
	}
	return {
		builder: 'prefecture',
		levels,
		labels: optionalEnum(spec, 'labels', ['name', 'code'], path),
		missing: optionalLabel(spec, 'missing', path),
		strict: optionalBoolean(spec, 'strict', path)
	};
}

function label(a: AddressParts, level: PrefectureLevel, spec: PrefectureSpec): string {
	const p = a.prefecture;
	switch (level) {
		case 'municipality':
			return a.municipality ?? p.name;
		case 'city':
			return a.city ?? p.name;
		case 'prefecture':
			return spec.labels === 'code' ? p.code : p.name;
		case 'region':
			return p.regionName;
		case 'kouseikyoku':
			return p.kouseikyoku;
	}
}

export function buildPrefectureRows(values: readonly string[], spec: PrefectureSpec): string[][] {
	const levels = spec.levels ?? ['prefecture', 'region'];
	const missing = spec.missing ?? '*';
	return values.map((value) => {
		const a = parseAddress(value);
		if (!a && spec.strict) fail(`prefecture builder: value ${JSON.stringify(value)} names no prefecture`);
		return [value, ...levels.map((l) => (a ? label(a, l, spec) : missing)), '*'];
	});
}
