import { describe, expect, it } from 'vitest';
import { buildHierarchyRows, hierarchySpecProblems } from '../../../../src/lib/engine/hierarchy/builders';
import { problemText } from '../../../../src/lib/components/rules/problem-text';

/** The engine's own message for a spec (so the patterns follow what the engine really writes). */
function engineMessage(spec: unknown): string {
	const [message] = hierarchySpecProblems(spec);
	expect(message, JSON.stringify(spec)).toBeDefined();
	return message;
}

describe('engine validation messages in the person’s language', () => {
	it('recognises the common kinds and the level they name', () => {
		expect(
			problemText(engineMessage({ builder: 'interval', levels: [{ width: 10 }, { width: 15 }] }))
		).toEqual({
			key: 'builder.problem.multiple',
			params: { level: '2', width: '15', previous: '10' }
		});
		expect(
			problemText(engineMessage({ builder: 'interval', levels: [{ width: 10 }, { cuts: [0, 15] }] }))
		).toEqual({
			key: 'builder.problem.split',
			params: { level: '2', cut: '15' }
		});
		expect(problemText(engineMessage({ builder: 'mask', masked: [3, 2] }))?.key).toBe(
			'builder.problem.order'
		);
		expect(problemText(engineMessage({ builder: 'prefix', lengths: [1, 3] }))).toEqual({
			key: 'builder.problem.order',
			params: { level: '2' }
		});
		expect(problemText(engineMessage({ builder: 'date', levels: ['year', 'month'] }))).toEqual({
			key: 'builder.problem.follow',
			params: { level: '2', value: 'month', previous: 'year' }
		});
		expect(problemText(engineMessage({ builder: 'age', levels: ['10y', '5y'] }))?.key).toBe(
			'builder.problem.merge'
		);
		expect(
			problemText(engineMessage({ builder: 'interval', levels: [{ width: 5 }], bottom: 10, top: 5 }))?.key
		).toBe('builder.problem.topBottom');
		expect(problemText(engineMessage({ builder: 'interval', levels: [{ width: -5 }] }))).toEqual({
			key: 'builder.problem.positive',
			params: { level: '1', value: '-5' }
		});
		expect(problemText(engineMessage({ builder: 'mask', char: '**' }))?.key).toBe('builder.problem.char');
		expect(problemText(engineMessage({ builder: 'mask', preset: 'postal', masked: [4, 8] }))?.key).toBe(
			'builder.problem.postalDigits'
		);
		expect(
			problemText(engineMessage({ builder: 'interval', levels: [{ width: 5 }], aboveLabel: ' ' }))?.key
		).toBe('builder.problem.emptyLabel');
	});

	it('recognises an unmapped group value from the builder', () => {
		let message = '';
		try {
			buildHierarchyRows(['東京都', '沖縄県'], { builder: 'groups', levels: [{ map: { 東京都: '関東' } }] });
		} catch (e) {
			message = (e as Error).message;
		}
		expect(problemText(message)).toEqual({ key: 'builder.problem.unmapped', params: { value: '"沖縄県"' } });
	});

	it('leaves other messages to be shown as written', () => {
		expect(problemText('hierarchy.foo: unknown option for builder "sex"')).toBeNull();
	});
});
