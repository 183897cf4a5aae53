/**
 * Property tests: whatever the values and whatever valid spec, every builder's output is a valid
 * hierarchy (hierarchyFromRows accepts it: equal height, monotone levels) covering each distinct value
 * once, with a single root.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hierarchyFromRows } from '../../../../../src/lib/engine/hierarchy/hierarchy';
import { buildHierarchyRows } from '../../../../../src/lib/engine/hierarchy/builders';
import { DATE_LEVEL_SUCCESSORS, type DateLevel } from '../../../../../src/lib/engine/hierarchy/builders/date';
import { PREFECTURES } from '../../../../../src/lib/engine/jp/prefectures';

function assertValid(values: string[], spec: unknown): void {
	const rows = buildHierarchyRows(values, spec);
	const unique = [...new Set(values)];
	expect(rows.map((r) => r[0])).toEqual(unique);
	if (rows.length === 0) return;
	const h = hierarchyFromRows('a', rows);
	expect(h.levels[h.height - 1]).toEqual(['*']);
}

const junk = fc.oneof(fc.constant(''), fc.constant('不明'), fc.string({ maxLength: 4 }));
const RUNS = { numRuns: 150 };

describe('every builder yields a valid hierarchy', () => {
	it('interval', () => {
		const numberText = fc.oneof(
			fc.integer({ min: -50, max: 200 }).map(String),
			fc.double({ min: -100, max: 300, noNaN: true }).map((x) => x.toFixed(2))
		);
		const spec = fc
			.record({
				base: fc.integer({ min: 1, max: 20 }),
				multipliers: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
				bottom: fc.option(fc.integer({ min: -20, max: 40 }), { nil: undefined }),
				span: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
				origin: fc.option(fc.integer({ min: -7, max: 7 }), { nil: undefined })
			})
			.map(({ base, multipliers, bottom, span, origin }) => {
				const widths = [base];
				for (const m of multipliers) widths.push(widths[widths.length - 1] * m);
				return {
					builder: 'interval',
					levels: widths.map((width) => ({ width })),
					bottom,
					top: span === undefined ? undefined : (bottom ?? 0) + span,
					origin
				};
			});
		fc.assert(fc.property(fc.array(fc.oneof(numberText, junk)), spec, assertValid), RUNS);
	});

	it('interval with cut points', () => {
		const spec = fc
			.uniqueArray(fc.integer({ min: -10, max: 100 }), { minLength: 1, maxLength: 8 })
			.chain((cuts) => {
				const sorted = [...cuts].sort((a, b) => a - b);
				return fc.subarray(sorted, { minLength: 1 }).map((coarse) => ({
					builder: 'interval',
					levels: [{ cuts: sorted }, { cuts: coarse }]
				}));
			});
		fc.assert(fc.property(fc.array(fc.integer({ min: -20, max: 120 }).map(String)), spec, assertValid), RUNS);
	});

	it('age', () => {
		const chains = [
			['5y', '10y', '20y'],
			['5y', 'ppc15', 'ppc7'],
			['10y', 'ppc7'],
			['jp_insurance'],
			['pediatric'],
			['5y', '20y']
		];
		const spec = fc.record({
			builder: fc.constant('age'),
			levels: fc.constantFrom(...chains),
			top: fc.constantFrom(80, 85, 90, 100),
			style: fc.constantFrom('ja', 'en')
		});
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 130 }).map(String), junk)), spec, assertValid),
			RUNS
		);
	});

	it('date', () => {
		const date = fc
			.record({
				y: fc.integer({ min: 1868, max: 2040 }),
				m: fc.integer({ min: 1, max: 12 }),
				d: fc.integer({ min: 1, max: 28 })
			})
			.chain(({ y, m, d }) => {
				const p = (n: number) => String(n).padStart(2, '0');
				return fc.constantFrom(
					`${y}-${p(m)}-${p(d)}`,
					`${y}${p(m)}${p(d)}`,
					`${y}/${m}/${d}`,
					`${y}${p(m)}`,
					`${y}-${p(m)}`
				);
			});
		const levels = fc
			.constantFrom<DateLevel>('day', 'era-day', 'month', 'era-month', 'quarter', 'era-year', 'fiscal-year')
			.chain((first) =>
				fc.array(fc.nat(20), { maxLength: 4 }).map((picks) => {
					const chain: DateLevel[] = [first];
					for (const pick of picks) {
						const next = DATE_LEVEL_SUCCESSORS[chain[chain.length - 1]];
						if (next.length === 0) break;
						chain.push(next[pick % next.length]);
					}
					return chain;
				})
			);
		const spec = fc.record({ builder: fc.constant('date'), levels, span: fc.integer({ min: 1, max: 10 }) });
		fc.assert(fc.property(fc.array(fc.oneof(date, junk)), spec, assertValid), RUNS);
	});

	it('mask', () => {
		const spec = fc.record({
			builder: fc.constant('mask'),
			masked: fc
				.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 })
				.map((m) => m.sort((a, b) => a - b)),
			separators: fc.constantFrom('', '-'),
			smallZones: fc.constantFrom(undefined, ['123', '000', '1-2'])
		});
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.stringMatching(/^[0-9-]{0,9}$/), junk)), spec, assertValid),
			RUNS
		);
		const postal = fc.stringMatching(/^〒?\d{3}-?\d{4}$/);
		fc.assert(
			fc.property(fc.array(fc.oneof(postal, junk)), (values) =>
				assertValid(values, { builder: 'mask', preset: 'postal' })
			),
			RUNS
		);
	});

	it('groups', () => {
		const spec = fc.record({
			builder: fc.constant('groups'),
			levels: fc.array(
				fc.oneof(
					fc.integer({ min: 2, max: 4 }).map((size) => ({ size })),
					fc.constant({ map: { a: 'A', b: 'A', c: 'C' } })
				),
				{ minLength: 1, maxLength: 3 }
			),
			other: fc.constant('other')
		});
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', '10', '2'), junk)),
				spec,
				assertValid
			),
			RUNS
		);
	});

	it('prefix (ICD-10, drug, generic)', () => {
		const icd = fc
			.record({
				l: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
				n: fc.integer({ min: 0, max: 99 }),
				d: fc.option(fc.integer({ min: 0, max: 9 }))
			})
			.map(({ l, n, d }) => `${l}${String(n).padStart(2, '0')}${d === null ? '' : `.${d}`}`);
		fc.assert(
			fc.property(fc.array(fc.oneof(icd, junk)), (v) =>
				assertValid(v, { builder: 'prefix', preset: 'icd10' })
			),
			RUNS
		);
		const yj = fc.stringMatching(/^[1-8]\d{6}[A-Z]\d{4}$/);
		fc.assert(
			fc.property(fc.array(fc.oneof(yj, junk)), (v) =>
				assertValid(v, { builder: 'prefix', preset: 'drug', names: true })
			),
			RUNS
		);
		fc.assert(
			fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), junk)), (v) =>
				assertValid(v, { builder: 'prefix', lengths: [4, 2, 1] })
			),
			RUNS
		);
	});

	it('prefecture and sex', () => {
		const pref = fc.constantFrom(
			...PREFECTURES.flatMap((p) => [p.code, p.name, p.short, `${p.name}某市1-2`])
		);
		fc.assert(
			fc.property(fc.array(fc.oneof(pref, junk)), (v) => assertValid(v, { builder: 'prefecture' })),
			RUNS
		);
		const sex = fc.constantFrom('1', '2', '9', '0', 'M', 'F', '男', '女性', 'unknown');
		fc.assert(
			fc.property(fc.array(fc.oneof(sex, junk)), (v) => assertValid(v, { builder: 'sex' })),
			RUNS
		);
	});
});
