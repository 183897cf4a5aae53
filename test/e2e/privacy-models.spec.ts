import type { Page } from '@playwright/test';
import { buildHierarchyRows } from '../../src/lib/engine/hierarchy/builders';
import { hierarchyFromRows } from '../../src/lib/engine/hierarchy/hierarchy';
import { populationUniques } from '../../src/lib/engine/criteria/risk-based';
import { japanPopulationModel } from '../../src/lib/engine/jp/population';
import { pitmanUniques, snbUniques, zayatzUniques } from '../../src/lib/engine/risk/population-uniqueness';
import { expect, openApp, sample, test, type SampleFacts } from './fixtures';

// An action that cannot happen fails at once with its line, not at the test's end.
test.use({ actionTimeout: 20_000 });

/** Where screenshots go (test-results/ is emptied by every Playwright run; SHOTS_DIR keeps them). */
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';
const QIS = ['性別', '生年月日', '都道府県'];
const SPECS: Record<string, unknown> = {
	性別: { builder: 'sex' },
	生年月日: { builder: 'date', levels: ['month', 'year', 'years'] },
	都道府県: { builder: 'prefecture' }
};

const step = (page: Page, id: string) => page.locator(`nav [data-step="${id}"]`).click();
const roleSelect = (page: Page, name: string) => page.getByLabel(`${name} の役割`, { exact: true });

/** Generalized value of every row for each QI at `levels`, computed in Node from the sample file. */
function generalized(facts: SampleFacts, levels: Record<string, number>): Record<string, string[]> {
	return Object.fromEntries(
		QIS.map((name) => {
			const c = facts.header.indexOf(name);
			const values = facts.rows.map((r) => r[c] ?? '');
			const h = hierarchyFromRows(name, buildHierarchyRows(values, SPECS[name]));
			const level = levels[name];
			return [name, values.map((v) => h.levels[level][h.codes[level][h.leafIndex.get(v)!]])];
		})
	);
}

/** Class sizes (rows per generalized tuple). */
function classSizes(facts: SampleFacts, levels: Record<string, number>): number[] {
	const g = generalized(facts, levels);
	const counts = new Map<string, number>();
	facts.rows.forEach((_, r) => {
		const key = QIS.map((n) => g[n][r]).join('\u0000');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	});
	return [...counts.values()];
}

/** Smallest number of distinct values of `sensitive` in a class (distinct l-diversity reached). */
function distinctLReached(facts: SampleFacts, levels: Record<string, number>, sensitive: string): number {
	const g = generalized(facts, levels);
	const s = facts.header.indexOf(sensitive);
	const classes = new Map<string, Set<string>>();
	facts.rows.forEach((row, r) => {
		const key = QIS.map((n) => g[n][r]).join('\u0000');
		const set = classes.get(key) ?? new Set<string>();
		set.add(row[s] ?? '');
		classes.set(key, set);
	});
	return Math.min(...[...classes.values()].map((set) => set.size));
}

async function setLevel(page: Page, name: string, level: number) {
	await page.getByTestId(`level-${name}`).fill(String(level));
	await expect(page.getByTestId(`level-${name}`)).toHaveValue(String(level));
}

async function typeInto(page: Page, testId: string, value: string) {
	const input = page.getByTestId(testId);
	await input.fill(value);
	await input.press('Enter');
}

test('privacy models: add l-diversity, see the worker’s l and verdict, change suppression, grouped compare, English', async ({
	page
}) => {
	test.setTimeout(240_000);
	const facts = sample();
	await openApp(page);
	await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
	await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });

	// Roles: three quasi-identifiers, ICD10 and 薬効分類 sensitive, the rest out of the analysis.
	await step(page, 'roles');
	for (const name of ['郵便番号', '受診日', '医療機関コード', 'HbA1c', 'BMI'])
		await roleSelect(page, name).selectOption('insensitive');
	for (const name of QIS) await roleSelect(page, name).selectOption('quasi-identifying');
	for (const name of ['ICD10', '薬効分類']) await roleSelect(page, name).selectOption('sensitive');

	// Rules with known builders.
	await step(page, 'rules');
	await page.getByLabel('生年月日 の階層の作り方').selectOption('date');
	// The builder's JSON view sets the exact levels this test counts with.
	const birth = page.locator('[data-rule="生年月日"]');
	await birth.locator('details.json summary').click();
	await birth.locator('details.json textarea').fill('{"builder":"date","levels":["month","year","years"]}');
	await birth.getByRole('button', { name: '設定を反映' }).click();
	await expect(birth.locator('table.preview thead th')).toHaveCount(2 + 4);
	await page.getByLabel('都道府県 の階層の作り方').selectOption('none');
	await page.getByLabel('都道府県 の階層の作り方').selectOption('prefecture');
	await expect(page.locator('[data-rule="都道府県"] table.preview')).toContainText('関東');
	await page.getByTestId('k-select').selectOption('5');
	await typeInto(page, 'models-suppression', '0');

	const panel = page.getByTestId('privacy-models');
	await expect(panel.getByTestId('model-0')).toHaveAttribute('data-model', 'k-anonymity');
	// The quick k menu of the risk panel and the k field of the model are the same setting.
	await page.getByTestId('k-select').selectOption('10');
	await expect(panel.getByTestId('model-0-k')).toHaveValue('10');
	await typeInto(page, 'model-0-k', '5');
	await expect(page.getByTestId('k-select')).toHaveValue('5');

	// Add distinct l-diversity on ICD10.
	await panel.getByTestId('model-kind').selectOption('l-diversity');
	await panel.getByTestId('model-add').click();
	await expect(panel.getByTestId('model-1')).toHaveAttribute('data-model', 'l-diversity');
	await panel.getByTestId('model-1-attribute').selectOption('ICD10');

	let levels = { 性別: 0, 生年月日: 2, 都道府県: 1 };
	for (const [n, l] of Object.entries(levels)) await setLevel(page, n, l);
	let reached = distinctLReached(facts, levels, 'ICD10');
	const figure = page.getByTestId('model-figure-1');
	await expect(figure).toHaveAttribute('data-reached', String(reached));
	await expect(panel.getByTestId('model-1-status')).toHaveAttribute('data-reached', String(reached));

	// Ask for one more than reached: the model fails and the verdict names it.
	await typeInto(page, 'model-1-l', String(reached + 1));
	await expect(figure).toHaveAttribute('data-met', 'false');
	await expect(page.getByTestId('verdict')).toContainText('プライバシーモデルを満たしていません');
	await expect(page.getByTestId('verdict-why')).toContainText('l-多様性 (ICD10)');
	await expect(figure).toContainText(`最小の l ${reached} / 目標 ${reached + 1}`);

	// Coarser rules: the worker's l follows the independently counted one.
	levels = { 性別: 0, 生年月日: 3, 都道府県: 2 };
	for (const [n, l] of Object.entries(levels)) await setLevel(page, n, l);
	const coarser = distinctLReached(facts, levels, 'ICD10');
	expect(coarser).toBeGreaterThanOrEqual(reached);
	reached = coarser;
	await expect(figure).toHaveAttribute('data-reached', String(reached));
	await typeInto(page, 'model-1-l', String(reached));
	await expect(figure).toHaveAttribute('data-met', 'true');

	// An invalid l is explained and not sent.
	await typeInto(page, 'model-1-l', '2.5');
	await expect(panel.getByText('l は 1 以上の整数にしてください。')).toBeVisible();
	await expect(figure).toHaveAttribute('data-reached', String(reached));
	await typeInto(page, 'model-1-l', String(reached));
	await expect(panel.getByText('l は 1 以上の整数にしてください。')).toHaveCount(0);

	// Suppression limit from the panel: the risk panel and the allowed rows follow.
	await typeInto(page, 'models-suppression', '10');
	await expect(page.getByTestId('suppression-limit')).toHaveValue('10');
	await expect(panel.getByTestId('models-suppression-rows')).toContainText(
		(facts.rows.length * 0.1).toLocaleString('ja')
	);
	await panel.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/privacy-models-ja.png` });

	await typeInto(page, 'models-suppression', '0');
	await expect(page.getByTestId('suppression-limit')).toHaveValue('0');

	// Population uniqueness against the 2020 census of all Japan: the worker's estimate equals the
	// engine's estimator applied to the class sizes counted here (nothing is suppressed: not met).
	await panel.getByTestId('model-kind').selectOption('population-uniqueness');
	await panel.getByTestId('model-add').click();
	await expect(panel.getByTestId('model-2')).toHaveAttribute('data-model', 'population-uniqueness');
	await panel.getByTestId('model-2-population-census').selectOption('00');
	const japan = japanPopulationModel('00').size;
	await expect(panel.getByTestId('model-2-population')).toHaveValue(String(japan));
	const estimateAt = (at: Record<string, number>) => {
		const sizes = classSizes(facts, at);
		const bySize = new Map<number, number>();
		for (const size of sizes) bySize.set(size, (bySize.get(size) ?? 0) + 1);
		const ascending = [...bySize.keys()].sort((a, b) => a - b);
		const histogram = {
			sizes: Int32Array.from(ascending),
			counts: Int32Array.from(ascending, (size) => bySize.get(size)!),
			records: facts.rows.length,
			classes: sizes.length
		};
		return populationUniques(histogram, japan, 'dankar', {
			pitman: pitmanUniques,
			zayatz: zayatzUniques,
			snb: snbUniques
		});
	};
	const populationFigure = page.getByTestId('model-figure-2');
	// At these levels Pitman's model does not fit (Dankar's rule gives −1): shown as not estimated.
	expect(estimateAt(levels)).toBe(-1);
	await expect(populationFigure).toHaveAttribute('data-met', 'false');
	await expect(populationFigure).toContainText('推定できません');
	const finer = { 性別: 0, 生年月日: 2, 都道府県: 1 };
	for (const [n, l] of Object.entries(finer)) await setLevel(page, n, l);
	const estimate = estimateAt(finer) / japan;
	expect(estimate).toBeGreaterThan(0);
	await expect(populationFigure).toHaveAttribute('data-reached', /\d/);
	const shown = Number(await populationFigure.getAttribute('data-reached'));
	expect(shown).toBeCloseTo(estimate, 12);
	await expect(populationFigure).toHaveAttribute('data-met', String(estimate <= 0.01));
	for (const [n, l] of Object.entries(levels)) await setLevel(page, n, l);
	await panel.getByRole('button', { name: '母集団一意性 を削除' }).click();
	await expect(panel.getByTestId('model-2')).toHaveCount(0);

	// Compare: with no suppression the grouped bars are the raw counts, counted here in Node.
	await step(page, 'compare');
	await expect(page.getByTestId('compare-suppressed')).toHaveAttribute('data-value', '0');
	const chart = page.getByTestId('compare-groups-都道府県');
	await expect(chart.locator('.grow').first()).toBeVisible();
	const drawn = await chart.locator('.grow').evaluateAll((rows) =>
		rows.map((r) => ({
			kind: r.getAttribute('data-kind')!,
			label: r.getAttribute('data-label')!,
			group: r.getAttribute('data-group')!,
			count: Number(r.getAttribute('data-count'))
		}))
	);
	const g = generalized(facts, levels)['都道府県'];
	const c = facts.header.indexOf('都道府県');
	const groupCounts = new Map<string, number>();
	const pairCounts = new Map<string, number>();
	facts.rows.forEach((row, r) => {
		groupCounts.set(g[r], (groupCounts.get(g[r]) ?? 0) + 1);
		const pair = `${g[r]}\u0000${row[c] ?? ''}`;
		pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
	});
	const groups = drawn.filter((r) => r.kind === 'group' && r.group !== '');
	expect(groups.length).toBe(Math.min(12, groupCounts.size));
	const sorted = [...groupCounts.values()].sort((a, b) => b - a);
	expect(groups.map((r) => r.count)).toEqual(sorted.slice(0, groups.length));
	for (const row of drawn) {
		if (row.kind === 'group' && row.group !== '') expect(row.count).toBe(groupCounts.get(row.label));
		if (row.kind === 'member') expect(row.count).toBe(pairCounts.get(`${row.group}\u0000${row.label}`));
	}
	expect(drawn.filter((r) => r.kind === 'member').length).toBeGreaterThan(groups.length);
	const shownTotal = drawn.filter((r) => r.kind === 'group').reduce((s, r) => s + r.count, 0);
	expect(shownTotal).toBe(facts.rows.length);
	await chart.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/privacy-models-compare-ja.png` });

	// English: the same figures, translated.
	await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
	await expect(page.getByTestId('model-figure-1')).toContainText(`smallest l ${reached} / target ${reached}`);
	await expect(chart.locator('svg')).toHaveAttribute(
		'aria-label',
		'都道府県: original values merged into each generalized value'
	);
	await page.screenshot({ path: `${SHOTS}/privacy-models-compare-en.png` });
	await step(page, 'rules');
	await expect(page.getByRole('heading', { name: 'Privacy models and quality' })).toBeVisible();
	await page.getByTestId('privacy-models').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/privacy-models-en.png` });
});
