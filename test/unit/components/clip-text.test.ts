import { describe, expect, it } from 'vitest';
import { clipText } from '../../../src/lib/components/clip-text';

describe('clipText', () => {
	it('keeps short text and cuts long text with an ellipsis', () => {
		expect(clipText('abc', 5)).toBe('abc');
		expect(clipText('abcdef', 5)).toBe('abcde…');
		expect(clipText('x'.repeat(10_000_000))).toHaveLength(1001);
	});
	it('never splits an emoji in half', () => {
		expect(clipText('ab😀cd', 3)).toBe('ab…');
		expect(clipText('ab😀cd', 4)).toBe('ab😀…');
	});
});
