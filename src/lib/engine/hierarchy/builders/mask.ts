/**
 * Masking hierarchies (ARX's HierarchyBuilderRedactionBased, right-to-left): level l replaces the last
 * `masked[l]` characters by `*`, e.g. `1234567` → `123456*` → … → `*******`, then `*`. Separators
 * (`-` in `123-4567`) are kept and not counted. Two values equal after masking m characters have the
 * same length and prefix, so they stay equal after masking more: the levels coarsen monotonically.
 *
 * The `postal` preset handles Japanese postal codes (DOMAIN.md §5.2): `〒123-4567`, `1234567` and
 * full-width forms are normalized to 7 digits, then masked to the 3-digit zone `123-****`, then
 * `12*-****`, then `*`; anything that is not a 7-digit code goes to `missing`.
 *
 * `smallZones` applies the small-area rule: codes whose first 3 digits name a zone of ≤ 20,000 people
 * have those digits written `000` at every level (HIPAA Safe Harbor §164.514(b)(2)(i)(B) for ZIP3, and
 * the Japanese postal-3 analog of DOMAIN.md §4.1/§5.2; the zone list comes from the user's census data).
 */
import {
	asObject,
	fail,
	onlyFields,
	optionalArray,
	optionalBoolean,
	optionalEnum,
	optionalLabel,
	optionalNumber,
	optionalString,
	positiveInteger
} from './spec-fields';

export interface MaskSpec {
	builder: 'mask';
	preset?: 'postal';
	/** Characters masked at each level, strictly increasing; default 1, 2, … up to the longest value. */
	masked?: number[];
	/** Mask character; default `*`. */
	char?: string;
	/** Characters kept in place and not counted (default `-` for postal codes, none otherwise). */
	separators?: string;
	/** Fixed length (separators excluded): values of another length go to `missing`. */
	length?: number;
	/** Postal preset: write codes as `123-****` (true) or `123****` (false); default: as most values are. */
	hyphen?: boolean;
	/** 3-character zones too small to show: their first 3 characters become `000` at every level. */
	smallZones?: string[];
	missing?: string;
	strict?: boolean;
}

const FIELDS = [
	'builder',
	'preset',
	'masked',
	'char',
	'separators',
	'length',
	'hyphen',
	'smallZones',
	'missing',
	'strict'
];

export function parseMaskSpec(raw: unknown, path = 'hierarchy'): MaskSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, FIELDS, path);
	const masked = optionalArray(spec, 'masked', path)?.map((m, i) =>
		positiveInteger(m, `${path}.masked[${i}]`)
	);
	masked?.forEach((m, i) => {
		if (i > 0 && !(m > masked[i - 1])) {
			fail(
				`${path}.masked[${i}]: must mask more characters than the previous level (${masked[i - 1]} then ${m})`
			);
		}
	});
	const char = optionalString(spec, 'char', path);
	if (char !== undefined && [...char].length !== 1)
		fail(`${path}.char: expected a single character, got "${char}"`);
	const length = optionalNumber(spec, 'length', path);
	if (length !== undefined) positiveInteger(length, `${path}.length`);
	const preset = optionalEnum(spec, 'preset', ['postal'], path);
	if (preset === 'postal' && masked?.some((m) => m > 7)) {
		fail(`${path}.masked: a postal code has 7 digits, cannot mask ${Math.max(...masked)}`);
	}
	const smallZones = optionalArray(spec, 'smallZones', path)?.map((z, i) => {
		if (typeof z !== 'string' || [...z].length !== 3) {
			fail(`${path}.smallZones[${i}]: expected a 3-character zone such as "036", got ${JSON.stringify(z)}`);
		}
		return z;
	});
	return {
		builder: 'mask',
		preset,
		smallZones,
		masked,
		char,
		separators: optionalString(spec, 'separators', path),
		length,
		hyphen: optionalBoolean(spec, 'hyphen', path),
		missing: optionalLabel(spec, 'missing', path),
		strict: optionalBoolean(spec, 'strict', path)
	};
}

const POSTAL = /^(\d{3})-?(\d{4})$/;

/** A Japanese postal code as 7 digits, or null (accepts 〒, hyphens, full-width digits and spaces). */
export function normalizePostalCode(text: string): string | null {
	const t = text
		.normalize('NFKC')
		.replace(/[〒\s]/g, '')
		.replace(/[‐−–—ー]/g, '-');
	const m = POSTAL.exec(t);
	return m ? m[1] + m[2] : null;
}

function maskChars(chars: string[], separators: string, count: number, char: string): string {
	const out = [...chars];
	let left = count;
	for (let i = out.length - 1; i >= 0 && left > 0; i--) {
		if (separators.includes(out[i])) continue;
		out[i] = char;
		left--;
	}
	return out.join('');
}

/** Writes the first 3 maskable characters as `000` when they form one of the small zones. */
function zeroZone(chars: string[], separators: string, small: ReadonlySet<string>): string[] {
	const positions: number[] = [];
	for (let i = 0; i < chars.length && positions.length < 3; i++)
		if (!separators.includes(chars[i])) positions.push(i);
	if (positions.length < 3 || !small.has(positions.map((i) => chars[i]).join(''))) return chars;
	const out = [...chars];
	for (const i of positions) out[i] = '0';
	return out;
}

function maskable(chars: string[], separators: string): number {
	return chars.filter((c) => !separators.includes(c)).length;
}

export function buildMaskRows(values: readonly string[], spec: MaskSpec): string[][] {
	const char = spec.char ?? '*';
	const missing = spec.missing ?? '*';
	const postal = spec.preset === 'postal';
	let separators = spec.separators ?? (postal ? '-' : '');
	let forms: (string[] | null)[];
	if (postal) {
		const codes = values.map(normalizePostalCode);
		const valid = values.filter((_, i) => codes[i] !== null);
		const hyphen =
			spec.hyphen ?? valid.filter((v) => /[-‐−–—ー]/.test(v.normalize('NFKC'))).length * 2 >= valid.length;
		separators = hyphen ? '-' : '';
		forms = codes.map((c) => (c === null ? null : [...(hyphen ? `${c.slice(0, 3)}-${c.slice(3)}` : c)]));
	} else {
		// Empty values (or separators only) have nothing to mask: they join the missing group.
		forms = values.map((v) => {
			const f = [...v];
			const n = maskable(f, separators);
			return n > 0 && (spec.length === undefined || n === spec.length) ? f : null;
		});
	}
	forms.forEach((f, i) => {
		if (f === null && spec.strict) {
			const what = postal
				? 'a 7-digit postal code'
				: spec.length !== undefined
					? `${spec.length} characters long`
					: 'maskable (it is empty)';
			fail(`mask builder: value ${JSON.stringify(values[i])} is not ${what}`);
		}
	});
	if (spec.smallZones) {
		const small = new Set(spec.smallZones);
		forms = forms.map((f) => (f ? zeroZone(f, separators, small) : f));
	}
	// A loop, not Math.max(...forms): a spread of 100,000 postal codes overflows a worker's stack.
	let longest = 1;
	for (const f of forms) if (f) longest = Math.max(longest, maskable(f, separators));
	const masked = spec.masked ?? (postal ? [4, 5] : Array.from({ length: longest }, (_, i) => i + 1));
	return values.map((value, i) => {
		const f = forms[i];
		const row = [value];
		for (const m of masked) row.push(f === null ? missing : maskChars(f, separators, m, char));
		row.push('*');
		return row;
	});
}
