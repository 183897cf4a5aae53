/**
 * Sex hierarchy through the code crosswalk of DOMAIN.md §5.7: any of `1`/`2`, `M`/`F`, `male`, `男`/`女性`…
 * → one label per sex (男性/女性/その他/不明, or English) → `*`. Merging the code schemes at level 1 means
 * a column mixing `1` and `M` is not split into spurious classes.
 */
import { parseSex, SEX_LABELS } from '../../jp/sex-codes';
import { asObject, fail, onlyFields, optionalBoolean, optionalEnum, optionalLabel } from './spec-fields';

export interface SexSpec {
	builder: 'sex';
	style?: 'ja' | 'en';
	missing?: string;
	strict?: boolean;
}

export function parseSexSpec(raw: unknown, path = 'hierarchy'): SexSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, ['builder', 'style', 'missing', 'strict'], path);
	return {
		builder: 'sex',
		style: optionalEnum(spec, 'style', ['ja', 'en'], path),
		missing: optionalLabel(spec, 'missing', path),
		strict: optionalBoolean(spec, 'strict', path)
	};
}

export function buildSexRows(values: readonly string[], spec: SexSpec): string[][] {
	const labels = SEX_LABELS[spec.style ?? 'ja'];
	return values.map((value) => {
		const sex = parseSex(value);
		if (!sex && spec.strict) fail(`sex builder: value ${JSON.stringify(value)} is not a known sex code`);
		return [value, sex ? labels[sex] : (spec.missing ?? labels.unknown), '*'];
	});
}
