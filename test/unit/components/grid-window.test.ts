import { describe, expect, it } from 'vitest';
import {
	BlockCache,
	blockSizeFor,
	gridWindow,
	HEADER_HEIGHT,
	MAX_BODY_HEIGHT,
	OVERSCAN_ROWS,
	ROW_HEIGHT
} from '../../../src/lib/components/grid-window';

const view = { scrollLeft: 0, viewHeight: 400 + HEADER_HEIGHT, viewWidth: 1000, columnCount: 10 };

describe('gridWindow', () => {
	it('renders the visible rows plus overscan at the top of a small table', () => {
		const w = gridWindow({ ...view, rowCount: 100, scrollTop: 0 });
		expect(w.firstRow).toBe(0);
		expect(w.lastRow).toBe(Math.ceil(400 / ROW_HEIGHT) + OVERSCAN_ROWS);
		expect(w.bodyHeight).toBe(100 * ROW_HEIGHT);
		expect(w.windowTop).toBe(0);
	});

	it('places rows at their own offset when the body is not scaled', () => {
		const w = gridWindow({ ...view, rowCount: 10_000, scrollTop: 3000 });
		expect(w.firstRow).toBe(3000 / ROW_HEIGHT - OVERSCAN_ROWS);
		expect(w.windowTop).toBe(w.firstRow * ROW_HEIGHT);
	});

	it('scales 1,000,000 rows into a body browsers can draw and still reaches the last row', () => {
		const rowCount = 1_000_000;
		const top = gridWindow({ ...view, rowCount, scrollTop: 0 });
		expect(top.bodyHeight).toBe(MAX_BODY_HEIGHT);
		const maxScroll = MAX_BODY_HEIGHT - 400;
		const bottom = gridWindow({ ...view, rowCount, scrollTop: maxScroll });
		expect(bottom.lastRow).toBe(rowCount);
		// the last row ends exactly at the bottom of the viewport
		const lastRowBottom = bottom.windowTop + (rowCount - bottom.firstRow) * ROW_HEIGHT;
		expect(lastRowBottom).toBeCloseTo(maxScroll + 400, 6);
		const middle = gridWindow({ ...view, rowCount, scrollTop: maxScroll / 2 });
		expect(Math.abs(middle.firstRow + OVERSCAN_ROWS - (rowCount - 400 / ROW_HEIGHT) / 2)).toBeLessThan(2);
	});

	it('renders only the columns in view', () => {
		const w = gridWindow({ ...view, columnCount: 2000, rowCount: 5, scrollTop: 0, scrollLeft: 160 * 1000 });
		expect(w.firstColumn).toBeGreaterThan(990);
		expect(w.lastColumn - w.firstColumn).toBeLessThan(12);
	});
});

describe('BlockCache', () => {
	it('asks only for blocks neither cached nor loading, and forgets least recently stored ones', () => {
		const cache = new BlockCache(100, 2);
		expect(cache.missingBlocks(50, 250, 1000)).toEqual([0, 1, 2]);
		cache.markLoading(0);
		cache.store(1, [['x']]);
		expect(cache.missingBlocks(50, 250, 1000)).toEqual([2]);
		expect(cache.block(0)).toBeUndefined();
		cache.store(0, [['a']]);
		cache.store(2, [['c']]);
		expect(cache.block(1)).toBeUndefined();
		expect(cache.block(2)).toEqual([['c']]);
		expect(cache.missingBlocks(0, 10, 0)).toEqual([]);
	});

	it('sizes blocks to about 20,000 cells', () => {
		expect(blockSizeFor(10)).toBe(500);
		expect(blockSizeFor(100)).toBe(200);
		expect(blockSizeFor(2000)).toBe(10);
	});
});
