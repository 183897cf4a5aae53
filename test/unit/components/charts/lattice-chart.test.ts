// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { drawLatticeChart } from '../../../../src/lib/components/charts/lattice-chart';
import {
	fullLatticeLevels,
	layoutLattice,
	moveCursor
} from '../../../../src/lib/components/charts/lattice-layout';
import { Lattice } from '../../../../src/lib/engine/lattice/lattice';
import { newSvg, texts } from './svg-helpers';

/** The full lattice of the given maximal levels, last dimension fastest (as the engine's Lattice). */
function fullLattice(maxLevels: number[]) {
	const dims = maxLevels.length;
	const size = maxLevels.reduce((a, m) => a * (m + 1), 1);
	const levels = new Int32Array(size * dims);
	for (let i = 0; i < size; i++) {
		let rest = i;
		for (let d = dims - 1; d >= 0; d--) {
			levels[i * dims + d] = rest % (maxLevels[d] + 1);
			rest = Math.floor(rest / (maxLevels[d] + 1));
		}
	}
	return { levels, dims, size };
}

const labels = {
	label: 'Lattice',
	stateLabels: { notChecked: 'not checked', anonymous: 'anonymous', notAnonymous: 'not anonymous' },
	optimumLabel: 'optimum',
	currentLabel: 'current',
	locale: 'en'
};

// 2 QIs with levels 0..2 and 0..1: 6 nodes, heights 0..3.
const small = fullLattice([2, 1]);
// anonymous when the level sum ≥ 2, not anonymous at 0, [1,0] not checked
const smallTags = Uint8Array.from({ length: small.size }, (_, i) => {
	const h = small.levels[2 * i] + small.levels[2 * i + 1];
	if (h >= 2) return 1;
	return small.levels[2 * i] === 1 ? 0 : 2;
});
const smallNodes = { levels: small.levels, tags: smallTags, dimensions: 2 };

function keydown(svg: SVGSVGElement, key: string) {
	svg.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

describe('layoutLattice', () => {
	it('lists the full lattice in the engine order, so search tags line up', () => {
		const maxLevels = [2, 0, 3, 1];
		const levels = fullLatticeLevels(maxLevels);
		const lattice = new Lattice(maxLevels);
		expect(levels.length).toBe(lattice.size * 4);
		for (let i = 0; i < lattice.size; i++) {
			expect([...levels.subarray(i * 4, i * 4 + 4)]).toEqual([...lattice.levelsOf(i)]);
		}
		expect([...fullLatticeLevels([2, 1])]).toEqual([...small.levels]);
	});

	it('orders nodes by height and gives each a slot in its row', () => {
		const layout = layoutLattice(smallNodes);
		// levels in input order: [0,0] [0,1] [1,0] [1,1] [2,0] [2,1]
		expect([...layout.height]).toEqual([0, 1, 1, 2, 2, 3]);
		expect([...layout.order]).toEqual([0, 1, 2, 3, 4, 5]);
		expect([...layout.rowStart]).toEqual([0, 1, 3, 5, 6]);
		expect([...layout.slot]).toEqual([0, 0, 1, 0, 1, 0]);
	});

	it('moves the cursor within a row and between rows', () => {
		const layout = layoutLattice(smallNodes);
		expect(moveCursor(layout, 0, 'ArrowUp')).toBe(1);
		expect(moveCursor(layout, 1, 'ArrowRight')).toBe(2);
		expect(moveCursor(layout, 2, 'ArrowRight')).toBe(2);
		expect(moveCursor(layout, 2, 'ArrowUp')).toBe(4);
		expect(moveCursor(layout, 5, 'ArrowUp')).toBe(5);
		expect(moveCursor(layout, 4, 'Home')).toBe(3);
	});
});

describe('drawLatticeChart', () => {
	it('draws each state as one path with one shape per node, and counts them in the legend', () => {
		const svg = newSvg();
		drawLatticeChart(svg, smallNodes, { ...labels, width: 300, height: 200 });
		const path = (t: number) => svg.querySelector(`.nodes .state-${t}`);
		expect(path(1)?.getAttribute('data-count')).toBe('3');
		expect(path(2)?.getAttribute('data-count')).toBe('2');
		expect(path(0)?.getAttribute('data-count')).toBe('1');
		// circles (two arcs each) for anonymous, squares for not anonymous, diamonds for not checked
		expect(path(1)?.getAttribute('d')?.match(/a/g)).toHaveLength(6);
		expect(path(2)?.getAttribute('d')?.match(/M/g)).toHaveLength(2);
		expect(path(0)?.getAttribute('d')?.match(/l/g)).toHaveLength(3);
		expect(texts(svg, '.legend text')).toEqual(['anonymous (3)', 'not anonymous (2)', 'not checked (1)']);
		expect(texts(svg, '.axis-y text')).toEqual(['0', '1', '2', '3']);
		// 7 successor edges: [0,0]→[1,0],[0,1]; [0,1]→[1,1]; [1,0]→[2,0],[1,1]; [1,1]→[2,1]; [2,0]→[2,1]
		expect(svg.querySelector('.edges')?.getAttribute('d')?.match(/M/g)).toHaveLength(7);
	});

	it('places the bottom node at the bottom and the top node at the top', () => {
		const svg = newSvg();
		drawLatticeChart(svg, smallNodes, {
			...labels,
			width: 300,
			height: 200,
			optimum: [0, 0],
			current: [2, 1]
		});
		const centre = (sel: string) => {
			const c = svg.querySelector(`${sel} circle`);
			return [Number(c?.getAttribute('cx')), Number(c?.getAttribute('cy'))];
		};
		// inner 248 × 158; the lone node of a row is centred; height 0 at y = 158, height 3 at y = 0
		expect(centre('.optimum')).toEqual([124, 158]);
		expect(centre('.current')).toEqual([124, 0]);
		expect(texts(svg, '.marks text')).toEqual(['optimum', 'current']);
	});

	it('is a focusable named group whose description counts the states', () => {
		const svg = newSvg();
		drawLatticeChart(svg, smallNodes, {
			...labels,
			width: 300,
			height: 200,
			optimum: [1, 1],
			attributeNames: ['age', 'sex']
		});
		expect(svg.getAttribute('role')).toBe('group');
		expect(svg.getAttribute('tabindex')).toBe('0');
		expect(svg.querySelector('title')?.textContent).toBe('Lattice');
		expect(svg.querySelector('desc')?.textContent).toBe(
			'anonymous: 3; not anonymous: 2; not checked: 1; optimum: age 1, sex 1'
		);
	});

	it('moves a visible cursor with the keyboard and selects with Enter', () => {
		const svg = newSvg();
		const onselect = vi.fn();
		drawLatticeChart(svg, smallNodes, { ...labels, width: 300, height: 200, current: [0, 0], onselect });
		svg.dispatchEvent(new FocusEvent('focus'));
		expect(svg.querySelector('.cursor circle')?.getAttribute('data-node')).toBe('0');
		keydown(svg, 'ArrowUp'); // [0,1]
		keydown(svg, 'ArrowRight'); // [1,0]
		keydown(svg, 'ArrowUp'); // [2,0]
		expect(svg.querySelector('.cursor circle')?.getAttribute('data-node')).toBe('4');
		expect(texts(svg, '.tooltip text')).toEqual(['[2, 0]', 'anonymous']);
		expect(svg.getAttribute('aria-label')).toBe('Lattice: [2, 0] · anonymous');
		keydown(svg, 'Enter');
		expect(onselect).toHaveBeenCalledTimes(1);
		expect([...onselect.mock.calls[0][0]]).toEqual([2, 0]);
	});

	it('zooms the rows apart with + and resets with 0, keeping marks readable', () => {
		const svg = newSvg();
		drawLatticeChart(svg, smallNodes, { ...labels, width: 300, height: 200, optimum: [0, 1] });
		const optimumX = () => Number(svg.querySelector('.optimum circle')?.getAttribute('cx'));
		const radius = () => Number(svg.querySelector('.optimum circle')?.getAttribute('r'));
		// [0,1] is the left node of row 1: x = 248 / 4 = 62, the view centre is 124
		expect(optimumX()).toBe(62);
		const r1 = radius();
		keydown(svg, '+');
		expect(optimumX()).toBe(124 + 2 * (62 - 124));
		// rows do not move: only x is zoomed
		expect(svg.querySelector('.optimum circle')?.getAttribute('cy')).toBe(String(158 - 158 / 3));
		expect(radius()).toBeLessThanOrEqual(10);
		expect(radius()).toBeGreaterThanOrEqual(r1);
		keydown(svg, '0');
		expect(optimumX()).toBe(62);
	});

	it('selects the node under a click', () => {
		const svg = newSvg();
		// happy-dom's SVGPoint has no matrixTransform: let d3.pointer use clientX/Y (the box is at 0, 0).
		Object.defineProperty(svg, 'createSVGPoint', { value: undefined });
		Object.defineProperty(svg, 'clientLeft', { value: 0 });
		Object.defineProperty(svg, 'clientTop', { value: 0 });
		const onselect = vi.fn();
		drawLatticeChart(svg, smallNodes, { ...labels, width: 300, height: 200, onselect });
		// margin (40, 30); node [1,1] is the left one of row 2 (y = 158 − 2 · 158/3), at x = 248/4 = 62
		svg.dispatchEvent(
			new MouseEvent('click', { clientX: 40 + 62 + 2, clientY: 30 + 158 / 3 + 1, bubbles: true })
		);
		expect([...onselect.mock.calls[0][0]]).toEqual([1, 1]);
		svg.dispatchEvent(new MouseEvent('click', { clientX: 5, clientY: 5, bubbles: true }));
		expect(onselect).toHaveBeenCalledTimes(1);
	});

	it('draws the 45,000 nodes of a cup-sized lattice as three paths and navigates them', () => {
		// 5 × 6 × 5 × 6 × 5 × 10 = 45,000 transformations
		const big = fullLattice([4, 5, 4, 5, 4, 9]);
		expect(big.size).toBe(45_000);
		const tags = new Uint8Array(big.size);
		for (let i = 0; i < big.size; i++) tags[i] = i % 3;
		const svg = newSvg();
		const onselect = vi.fn();
		const top = [4, 5, 4, 5, 4, 9];
		drawLatticeChart(
			svg,
			{ levels: big.levels, tags, dimensions: 6 },
			{ ...labels, width: 900, height: 500, optimum: top, onselect }
		);
		expect(svg.querySelectorAll('.nodes path')).toHaveLength(3);
		expect(svg.querySelector('.edges')).toBeNull();
		const total = [0, 1, 2].reduce(
			(n, t) => n + Number(svg.querySelector(`.state-${t}`)?.getAttribute('data-count')),
			0
		);
		expect(total).toBe(45_000);
		// The cursor starts on the optimum (the top node); Down then Enter selects a node of height 30.
		keydown(svg, 'ArrowDown');
		keydown(svg, 'Enter');
		const chosen = [...onselect.mock.calls[0][0]] as number[];
		expect(chosen.reduce((a, b) => a + b, 0)).toBe(30);
	});

	it('replaces the previous drawing on redraw', () => {
		const svg = newSvg();
		drawLatticeChart(svg, smallNodes, { ...labels, width: 300, height: 200 });
		drawLatticeChart(svg, smallNodes, { ...labels, width: 300, height: 200 });
		expect(svg.querySelectorAll('.nodes')).toHaveLength(1);
		expect(svg.querySelectorAll('title')).toHaveLength(1);
	});
});
