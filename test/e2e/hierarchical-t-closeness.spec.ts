import type { Page } from '@playwright/test';
import { hierarchicalDistance } from '../../src/lib/engine/criteria/t-closeness-hierarchical';
import { buildHierarchyRows } from '../../src/lib/engine/hierarchy/builders';
import { hierarchyFromRows } from '../../src/lib/engine/hierarchy/hierarchy';
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
/** What the rule editor's "prefix" choice starts with (HIERARCHY_BUILDER_DEFAULTS): ICD-10, all levels. */
const ICD_RULE = { builder: 'prefix', preset: 'icd10' };

const step = (page: Page, id: string) => page.locator(`nav [data-step="${id}"]`).click();
const roleSelect = (page: Page, name: string) => page.getByLabel(`${name} の役割`, { exact: true });

/** Levels of a column's values under a builder spec (level → value → label). */
function labelsOf(values: readonly string[], spec: unknown): string[][] {
	const h = hierarchyFromRows('x', buildHierarchyRows([...new Set(values)], spec as never));
	return h.levels.map((labels, level) => values.map((v) => labels[h.codes[level][h.leafIndex.get(v)!]]));
}

/**
 * The largest hierarchical EMD of a class (Li et al. 2007, §4.2), computed in Node from the sample
 * file with the engine's criterion distance: classes from the QI builders at `levels`, the ICD10
 * distribution of each class against the whole file.
 */
function largestEmd(facts: SampleFacts, levels: Record<string, number>): number {
	const qi = QIS.map((name) => {
		const c = facts.header.indexOf(name);
		return labelsOf(
			facts.rows.map((r) => r[c] ?? ''),
			SPECS[name]
		)[levels[name]];
	});
	const icdColumn = facts.header.indexOf('ICD10');
	const icd = facts.rows.map((r) => r[icdColumn] ?? '');
	const values = [...new Set(icd)];
	const codeOf = new Map(values.map((v, i) => [v, i]));
	const globalCounts = new Float64Array(values.length);
	for (const v of icd) globalCounts[codeOf.get(v)!]++;
	const distance = hierarchicalDistance({
		name: 'ICD10',
		values,
		globalCounts,
		hierarchyLevels: labelsOf(values, ICD_RULE)
	});
	const classes = new Map<string, Map<number, number>>();
	icd.forEach((v, r) => {
		const key = qi.map((labels) => labels[r]).join('\u0000');
		const counts = classes.get(key) ?? new Map<number, number>();
		counts.set(codeOf.get(v)!, (counts.get(codeOf.get(v)!) ?? 0) + 1);
		classes.set(key, counts);
	});
	let worst = 0;
	for (const counts of classes.values()) {
		const codes = Int32Array.from(counts.keys());
		const h = { codes, counts: Int32Array.from(codes, (c) => counts.get(c)!), length: codes.length };
		worst = Math.max(worst, distance(h));
	}
	return worst;
}

async function setLevels(page: Page, levels: Record<string, number>) {
	for (const [name, level] of Object.entries(levels)) {
		await page.getByTestId(`level-${name}`).fill(String(level));
		await expect(page.getByTestId(`level-${name}`)).toHaveValue(String(level));
	}
}

async function typeInto(page: Page, testId: string, value: string) {
	const input = page.getByTestId(testId);
	await input.fill(value);
	await input.press('Enter');
}

test('hierarchical t-closeness: ICD10 gets an ICD-10 hierarchy, the panel shows the engine’s EMD and verdict, Japanese and English', async ({
	page
}) => {
	test.setTimeout(240_000);
	const facts = sample();
	const fine = { 性別: 0, 生年月日: 2, 都道府県: 1 };
	const coarse = { 性別: 1, 生年月日: 3, 都道府県: 2 };
	const fineEmd = largestEmd(facts, fine);
	const coarseEmd = largestEmd(facts, coarse);
	expect(coarseEmd).toBeLessThan(fineEmd);

	await openApp(page);
	await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
	await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });
	await step(page, 'roles');
	for (const name of ['郵便番号', '受診日', '医療機関コード', 'HbA1c', 'BMI', '薬効分類'])
		await roleSelect(page, name).selectOption('insensitive');
	for (const name of QIS) await roleSelect(page, name).selectOption('quasi-identifying');
	await roleSelect(page, 'ICD10').selectOption('sensitive');

	await step(page, 'rules');
	const birth = page.locator('[data-rule="生年月日"]');
	await page.getByLabel('生年月日 の階層の作り方').selectOption('date');
	await birth.locator('details.json summary').click();
	await birth.locator('details.json textarea').fill('{"builder":"date","levels":["month","year","years"]}');
	await birth.getByRole('button', { name: '設定を反映' }).click();
	await expect(birth.locator('table.preview thead th')).toHaveCount(2 + 4);
	await page.getByLabel('都道府県 の階層の作り方').selectOption('none');
	await page.getByLabel('都道府県 の階層の作り方').selectOption('prefecture');
	await expect(page.locator('[data-rule="都道府県"] table.preview')).toContainText('関東');
	await page.getByTestId('k-select').selectOption('2');
	await typeInto(page, 'models-suppression', '0');
	await setLevels(page, fine);

	// t-closeness on ICD10; hierarchical distance needs ICD10's hierarchy, which it does not have yet.
	const panel = page.getByTestId('privacy-models');
	await panel.getByTestId('model-kind').selectOption('t-closeness');
	await panel.getByTestId('model-add').click();
	await expect(panel.getByTestId('model-1')).toHaveAttribute('data-model', 't-closeness');
	await expect(panel.getByTestId('model-1-attribute')).toHaveValue('ICD10');
	const sensitive = page.getByTestId('sensitive-rules');
	await expect(sensitive.getByTestId('sensitive-rule-ICD10')).not.toHaveAttribute('open', '');
	await panel.getByTestId('model-1-variant').selectOption('hierarchical');
	await expect(panel.getByTestId('model-1')).toContainText('階層距離には「ICD10」の階層が必要です');
	await panel.getByTestId('model-1').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/hierarchical-t-closeness-needs-ja.png` });
	await panel.getByTestId('model-1-give-hierarchy').click();
	await expect(sensitive.getByTestId('sensitive-rule-ICD10')).toHaveAttribute('open', '');

	// The same rule editor as the quasi-identifiers; no level slider for a sensitive attribute.
	await page.getByLabel('ICD10 の階層の作り方').selectOption('prefix');
	const icdRule = page.locator('[data-rule="ICD10"]');
	await expect(icdRule.locator('table.preview')).toContainText('E11');
	await expect(page.getByTestId('rule-level-ICD10')).toBeHidden();
	// The waiting edit is applied once ICD10 has a hierarchy: the worker's figure is the EMD from Node.
	await expect(panel.getByTestId('model-1')).not.toContainText('階層距離には');
	const figure = page.getByTestId('model-figure-1');
	// (Until the new figures arrive it still shows the equal-distance figure of the model as added.)
	const reached = async () => Number(await figure.getAttribute('data-reached'));
	await expect.poll(reached).toBeCloseTo(fineEmd, 12);

	// A t between the two levels' distances: not met at the finer levels, met at the coarser ones.
	const t = Number(((fineEmd + coarseEmd) / 2).toFixed(4));
	await typeInto(page, 'model-1-t', String(t));
	await expect(figure).toHaveAttribute('data-met', 'false');
	await expect(page.getByTestId('verdict-why')).toContainText('t-近接性 (ICD10)');
	await setLevels(page, coarse);
	await expect(figure).toHaveAttribute('data-met', 'true');
	await expect.poll(reached).toBeCloseTo(coarseEmd, 12);
	await expect(sensitive.getByTestId('sensitive-rule-ICD10')).toContainText('階層距離の t-近接性で使用中');
	await panel.getByTestId('model-1').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/hierarchical-t-closeness-ja.png` });
	await sensitive.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/sensitive-hierarchy-ja.png` });

	// Without the hierarchy the model cannot stand: removing the rule brings the message back.
	await page.getByLabel('ICD10 の階層の作り方').selectOption('none');
	await expect(sensitive.getByTestId('sensitive-rule-ICD10')).toContainText(
		'階層距離の t-近接性に階層が必要です'
	);

	await page.getByLabel('ICD10 の階層の作り方').selectOption('prefix');
	await expect(sensitive.getByTestId('sensitive-rule-ICD10')).toContainText('階層距離の t-近接性で使用中');
	await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
	await expect(sensitive).toContainText('Sensitive attribute hierarchies');
	await expect(figure).toHaveAttribute('data-met', 'true');
	await panel.getByTestId('model-1').scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/hierarchical-t-closeness-en.png` });
	await sensitive.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/sensitive-hierarchy-en.png` });
});
