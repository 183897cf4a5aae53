import { test as base, expect, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Every test runs under a guard: across the whole test, the page, its workers and its service worker
 * may request nothing but their own origin, and nothing may log a console error, throw a page error
 * or violate the CSP. The guard fails the test at its end if any of that happened.
 */
export const test = base.extend<{ guard: { requests: string[]; problems: string[] } }>({
	guard: [
		async ({ context, baseURL }, use) => {
			const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
			const requests: string[] = [];
			const problems: string[] = [];
			context.on('request', (r) => requests.push(r.url()));
			context.on('console', (m) => {
				if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
				if (/Content.Security.Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
			});
			context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (e) =>
					console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
				);
			});
			const guard = { requests, problems };
			await use(guard);
			const foreign = requests.filter((url) => {
				const u = new URL(url);
				return u.protocol !== 'data:' && u.protocol !== 'blob:' && u.origin !== origin;
			});
			expect(foreign, 'requests to other origins').toEqual([]);
			expect(problems, 'console errors, page errors or CSP violations').toEqual([]);
			expect(requests.length, 'the guard saw the app load').toBeGreaterThan(3);
		},
		{ auto: true }
	]
});
export { expect };

export interface SampleFacts {
	header: string[];
	rows: string[][];
}

const sampleCache = new Map<string, SampleFacts>();

/** The generated sample, parsed here in Node by papaparse (independently of the app's importer). */
export function sample(variant: 'utf8' = 'utf8'): SampleFacts {
	const path = resolve('static/sample', `tokumei-sample-${variant}.csv`);
	let facts = sampleCache.get(path);
	if (!facts) {
		const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
		const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
		const [header, ...rows] = parsed.data;
		facts = { header, rows };
		sampleCache.set(path, facts);
	}
	return facts;
}

/** Distinct non-missing values and missing (empty or blank) cells of a column, counted in Node. */
export function columnFacts(facts: SampleFacts, name: string) {
	const c = facts.header.indexOf(name);
	if (c < 0) throw new Error(`sample has no column ${name}`);
	const values = facts.rows.map((r) => r[c] ?? '');
	const present = values.filter((v) => v.trim() !== '');
	return { index: c, distinct: new Set(present).size, missing: values.length - present.length };
}

export async function openApp(page: Page, path = '/') {
	await page.goto(path);
	// The import controls are enabled once the worker has started sql.js and restored storage.
	await expect(page.getByTestId('file-input')).toBeEnabled({ timeout: 30_000 });
}

export const grid = (page: Page) => page.getByRole('grid');

/** Text of the cell in data row `row` (0-based) and column `column` (0-based), once it is loaded. */
export function cell(page: Page, row: number, column: number) {
	return grid(page).locator(`[aria-rowindex="${row + 2}"] [aria-colindex="${column + 2}"]`);
}

export async function scrollGrid(page: Page, top: number, left = 0) {
	await grid(page).evaluate(
		(el, [t, l]) => {
			el.scrollTop = t === -1 ? el.scrollHeight : t;
			el.scrollLeft = l;
			el.dispatchEvent(new Event('scroll'));
		},
		[top, left]
	);
}

export const numberJa = (n: number) => n.toLocaleString('ja');
