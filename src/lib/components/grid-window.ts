/** Fixed cell geometry of the data grid (px). Fixed sizes make the visible window pure arithmetic. */
export const ROW_HEIGHT = 30;
export const HEADER_HEIGHT = 34;
export const COLUMN_WIDTH = 160;
export const ROW_NUMBER_WIDTH = 76;
/** Rows rendered beyond the viewport on each side, so fast wheel scrolling rarely shows blanks. */
export const OVERSCAN_ROWS = 8;
/**
 * Browsers cap an element's height (Chromium at about 33.5 million px); 1,000,000 rows × 30 px is
 * close to that, so taller bodies are drawn at this height and scroll positions are scaled.
 */
export const MAX_BODY_HEIGHT = 15_000_000;

export interface GridWindowInput {
	rowCount: number;
	columnCount: number;
	scrollTop: number;
	scrollLeft: number;
	viewHeight: number;
	viewWidth: number;
}

export interface GridWindow {
	/** Rows [firstRow, lastRow) and columns [firstColumn, lastColumn) to render. */
	firstRow: number;
	lastRow: number;
	firstColumn: number;
	lastColumn: number;
	/** Height of the scrollable body and the offset (body coordinates) of the first rendered row. */
	bodyHeight: number;
	windowTop: number;
	contentWidth: number;
}

export function gridWindow(input: GridWindowInput): GridWindow {
	const { rowCount, columnCount } = input;
	const realHeight = rowCount * ROW_HEIGHT;
	const bodyHeight = Math.min(realHeight, MAX_BODY_HEIGHT);
	const bodyView = Math.max(ROW_HEIGHT, input.viewHeight - HEADER_HEIGHT);
	// Logical (unscaled) offset of the first visible body pixel.
	const ratio = bodyHeight > bodyView ? Math.max(1, (realHeight - bodyView) / (bodyHeight - bodyView)) : 1;
	const scrollTop = Math.max(0, Math.min(input.scrollTop, Math.max(0, bodyHeight - bodyView)));
	const logicalTop = scrollTop * ratio;
	const firstVisible = Math.floor(logicalTop / ROW_HEIGHT);
	const firstRow = Math.max(0, firstVisible - OVERSCAN_ROWS);
	const lastRow = Math.min(rowCount, Math.ceil((logicalTop + bodyView) / ROW_HEIGHT) + OVERSCAN_ROWS);
	const windowTop = scrollTop + (firstRow * ROW_HEIGHT - logicalTop);

	const left = Math.max(0, input.scrollLeft - ROW_NUMBER_WIDTH);
	const firstColumn = Math.max(0, Math.floor(left / COLUMN_WIDTH) - 1);
	const lastColumn = Math.min(
		columnCount,
		Math.ceil((input.scrollLeft + input.viewWidth) / COLUMN_WIDTH) + 1
	);
	return {
		firstRow,
		lastRow: Math.max(firstRow, lastRow),
		firstColumn,
		lastColumn: Math.max(firstColumn, lastColumn),
		bodyHeight,
		windowTop,
		contentWidth: ROW_NUMBER_WIDTH + columnCount * COLUMN_WIDTH
	};
}

/** Rows fetched per request: about 20,000 cells, between 10 and 500 rows. */
export function blockSizeFor(columnCount: number): number {
	return Math.max(10, Math.min(500, Math.floor(20_000 / Math.max(1, columnCount))));
}

const LOADING = Symbol('loading');

/** Row blocks fetched from the worker, least recently used dropped first, so memory stays bounded. */
export class BlockCache {
	private readonly blocks = new Map<number, string[][] | typeof LOADING>();

	constructor(
		readonly blockSize: number,
		private readonly capacity = 64
	) {}

	/** Blocks covering rows [firstRow, lastRow) that are neither cached nor being fetched. */
	missingBlocks(firstRow: number, lastRow: number, rowCount: number): number[] {
		const missing: number[] = [];
		if (lastRow <= firstRow || rowCount === 0) return missing;
		const last = Math.floor((Math.min(lastRow, rowCount) - 1) / this.blockSize);
		for (let b = Math.floor(firstRow / this.blockSize); b <= last; b++) {
			if (!this.blocks.has(b)) missing.push(b);
		}
		return missing;
	}

	markLoading(block: number): void {
		this.blocks.set(block, LOADING);
	}

	store(block: number, rows: string[][]): void {
		this.blocks.delete(block);
		this.blocks.set(block, rows);
		for (const [key, value] of this.blocks) {
			if (this.blocks.size <= this.capacity) break;
			if (value !== LOADING) this.blocks.delete(key);
		}
	}

	forget(block: number): void {
		this.blocks.delete(block);
	}

	block(block: number): string[][] | undefined {
		const rows = this.blocks.get(block);
		return rows === LOADING ? undefined : rows;
	}
}
