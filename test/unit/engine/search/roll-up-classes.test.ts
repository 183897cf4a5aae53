import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classesOf } from '../../../../src/lib/engine/classes/equivalence-classes';
import { rollUpClasses } from '../../../../src/lib/engine/classes/roll-up-classes';
import { prepareData, rollUp } from '../../../../src/lib/engine/classes/snapshot';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';

// Two QIs: "a" with 8 leaves (pairs, then halves, then *), "b" with 4 leaves (pairs, then *);
// sensitive "s" with 5 values. The search's one-pass roll-up must equal rollUp + classesOf exactly:
// same atoms in the same order, same classes in the same order (orders decide ARX's ties).
const hierarchyA = hierarchyFromRows(
	'a',
	Array.from({ length: 8 }, (_, v) => [`${v}`, `p${v >> 1}`, `h${v >> 2}`, '*'])
);
const hierarchyB = hierarchyFromRows(
	'b',
	Array.from({ length: 4 }, (_, v) => [`${v}`, `p${v >> 1}`, '*'])
);

function prepared(rows: [number, number, number][], subset?: Uint8Array) {
	const table = encodeRows(
		['a', 'b', 's'],
		rows.map(([a, b, s]) => [`${a}`, `${b}`, `s${s}`])
	);
	return prepareData(
		[
			{ name: 'a', column: table.columns[0], hierarchy: hierarchyA },
			{ name: 'b', column: table.columns[1], hierarchy: hierarchyB }
		],
		[table.columns[2]],
		rows.length,
		subset
	);
}

const plain = (value: unknown) =>
	JSON.parse(JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)));

describe('rollUpClasses', () => {
	it('equals rollUp then classesOf, from the bottom and from an intermediate snapshot', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.integer({ min: 0, max: 7 }),
						fc.integer({ min: 0, max: 3 }),
						fc.integer({ min: 0, max: 4 })
					),
					{
						minLength: 1,
						maxLength: 60
					}
				),
				fc.integer({ min: 0, max: 3 }),
				fc.integer({ min: 0, max: 2 }),
				fc.integer({ min: 0, max: 3 }),
				fc.integer({ min: 0, max: 2 }),
				fc.boolean(),
				(rows, a1, b1, a2, b2, withSubset) => {
					const subset = withSubset ? Uint8Array.from(rows, (_, i) => (i % 3 === 0 ? 0 : 1)) : undefined;
					const data = prepared(rows as [number, number, number][], subset);
					const low = [Math.min(a1, a2), Math.min(b1, b2)];
					const high = [Math.max(a1, a2), Math.max(b1, b2)];
					const expected = rollUp(data, data.bottom, high);
					const expectedClasses = classesOf(expected);
					const sources = [data.bottom, rollUp(data, data.bottom, low)];
					for (const source of sources) {
						const rolled = rollUpClasses(data, source, high);
						expect(rolled).toBeTruthy();
						if (!rolled) return;
						expect(plain(rolled.snapshot)).toEqual(plain(expected));
						const { snapshot: _a, ...classes } = rolled.classes;
						const { snapshot: _b, ...reference } = expectedClasses;
						expect(plain(classes)).toEqual(plain(reference));
					}
				}
			),
			{ numRuns: 300 }
		);
	});

	it('gives up (null) beyond maxClasses, like classesOf', () => {
		const data = prepared([
			[0, 0, 0],
			[1, 1, 1],
			[2, 2, 2],
			[3, 3, 3]
		]);
		expect(classesOf(rollUp(data, data.bottom, [0, 0]), 3)).toBeNull();
		expect(rollUpClasses(data, data.bottom, [0, 0], 3)).toBeNull();
		expect(rollUpClasses(data, data.bottom, [1, 1], 3)?.classes.count).toBe(2);
	});
});
