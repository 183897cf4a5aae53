/**
 * Age hierarchies by Japanese convention (DOMAIN.md §5.3): exact age → 5-year bands → 10-year (年代) →
 * 20-year → `*`, top-coded at 90 (「90歳以上」) by default, or any chain of the PPC / insurance band sets
 * in jp/age-bands. Ages are 満年齢 in whole years; negative or non-numeric values go to `missing`.
 * Built on the interval builder's band logic, with Japanese (`20-24歳`, `90歳以上`, `15歳未満`) or
 * plain (`20-24`, `90+`, `<15`) labels.
 */
import { AGE_BAND_SETS, ageBandCuts, DEFAULT_AGE_TOP, type AgeBandSet } from '../../jp/age-bands';
import { bandLabel, parseNumber, type IntervalSpec } from './interval';
import {
	asObject,
	fail,
	onlyFields,
	optionalArray,
	optionalBoolean,
	optionalEnum,
	optionalLabel,
	optionalNumber,
	show
} from './spec-fields';

export interface AgeSpec {
	builder: 'age';
	/** Band sets from finest to coarsest; default `["5y", "10y", "20y"]`. Each must merge whole bands of the previous. */
	levels?: AgeBandSet[];
	/** Top code for the 5y/10y/20y sets (85, 90, 100…); default 90. */
	top?: number;
	/** `ja` (default): `20-24歳`, `90歳以上`; `en`: `20-24`, `90+`. */
	style?: 'ja' | 'en';
	missing?: string;
	strict?: boolean;
}

const FIELDS = ['builder', 'levels', 'top', 'style', 'missing', 'strict'];

export function parseAgeSpec(raw: unknown, path = 'hierarchy'): AgeSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, FIELDS, path);
	const levelsRaw = optionalArray(spec, 'levels', path);
	const levels = levelsRaw?.map((set, i) => {
		if (typeof set !== 'string' || !(AGE_BAND_SETS as readonly string[]).includes(set)) {
			fail(`${path}.levels[${i}]: expected one of ${AGE_BAND_SETS.join(', ')}, got ${show(set)}`);
		}
		return set as AgeBandSet;
	});
	const top = optionalNumber(spec, 'top', path);
	if (top !== undefined && (!Number.isInteger(top) || top < 1 || top > 150)) {
		fail(`${path}.top: expected a whole age between 1 and 150, got ${top}`);
	}
	const result: AgeSpec = {
		builder: 'age',
		levels,
		top,
		style: optionalEnum(spec, 'style', ['ja', 'en'], path),
		missing: optionalLabel(spec, 'missing', path),
		strict: optionalBoolean(spec, 'strict', path)
	};
	const chain = result.levels ?? ['5y', '10y', '20y'];
	for (let i = 1; i < chain.length; i++) {
		const finer = ageBandCuts(chain[i - 1], result.top);
		const coarser = ageBandCuts(chain[i], result.top);
		const split = coarser.find((c) => !finer.includes(c) && c > 0);
		if (split !== undefined || coarser[coarser.length - 1] > finer[finer.length - 1]) {
			fail(
				`${path}.levels[${i}]: "${chain[i]}" does not merge whole bands of "${chain[i - 1]}" ` +
					`(cut at ${split ?? coarser[coarser.length - 1]})`
			);
		}
	}
	return result;
}

export function buildAgeRows(values: readonly string[], spec: AgeSpec): string[][] {
	const chain = spec.levels ?? ['5y', '10y', '20y'];
	const top = spec.top ?? DEFAULT_AGE_TOP;
	const ja = spec.style !== 'en';
	const missing = spec.missing ?? (ja ? '不明' : 'unknown');
	const labels: IntervalSpec = {
		builder: 'interval',
		levels: [],
		unit: ja ? '歳' : '',
		belowLabel: ja ? '{n}歳未満' : '<{n}',
		aboveLabel: ja ? '{n}歳以上' : '{n}+'
	};
	const cutsPerLevel = chain.map((set) => ageBandCuts(set, top));
	return values.map((value) => {
		const n = parseNumber(value);
		const valid = n !== null && n >= 0 && n < 200;
		if (!valid && spec.strict) fail(`age builder: value ${JSON.stringify(value)} is not an age in years`);
		const row = [value];
		for (const cuts of cutsPerLevel) {
			if (!valid) {
				row.push(missing);
				continue;
			}
			const age = Math.floor(n);
			let band: { lo: number; hi: number };
			if (age < cuts[0]) band = { lo: cuts[0] === 0 ? 0 : -Infinity, hi: cuts[0] };
			else {
				let i = 0;
				while (i + 1 < cuts.length && age >= cuts[i + 1]) i++;
				band = { lo: cuts[i], hi: i + 1 < cuts.length ? cuts[i + 1] : Infinity };
			}
			row.push(bandLabel(band, labels, true));
		}
		row.push('*');
		return row;
	});
}
