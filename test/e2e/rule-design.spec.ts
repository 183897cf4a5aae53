import type { Page } from '@playwright/test';
import { expectedFigures } from './design-expected';
import { expect, openApp, sample, test } from './fixtures';

const QIS = ['性別', '生年月日', '都道府県'];
const SPECS: Record<string, unknown> = {
	性別: { builder: 'sex' },
	生年月日: { builder: 'date', levels: ['month', 'year', 'years'] },
	都道府県: { builder: 'prefecture' }
};

async function importSample(page: Page) {
	await openApp(page);
	await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
	await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });
}

const step = (page: Page, id: string) => page.locator(`nav [data-step="${id}"]`).click();
const roleSelect = (page: Page, name: string) => page.getByLabel(`${name} の役割`, { exact: true });

async function expectFigures(page: Page, levels: Record<string, number>, k: number) {
	const facts = sample();
	const rules = Object.fromEntries(QIS.map((n) => [n, { spec: SPECS[n], level: levels[n] }]));
	const e = expectedFigures(facts, rules, k);
	for (const [name, level] of Object.entries(levels)) {
		await expect(page.getByTestId(`level-${name}`)).toHaveValue(String(level));
	}
	const panel = page.getByTestId('risk-panel');
	await expect(panel.getByTestId('fig-k')).toHaveAttribute('data-value', String(e.kReached));
	await expect(panel.getByTestId('fig-classes')).toHaveAttribute('data-value', String(e.classes));
	await expect(panel.getByTestId('fig-uniques')).toHaveAttribute('data-value', String(e.sampleUniques));
	await expect(panel.getByTestId('fig-uniques')).toHaveText(e.sampleUniques.toLocaleString('ja'));
	await expect(panel.getByTestId('fig-at-risk')).toHaveAttribute('data-value', String(e.recordsAtRisk));
	const highest = Number(await panel.getByTestId('fig-highest').getAttribute('data-value'));
	expect(highest).toBeCloseTo(e.highestRisk, 12);
	const average = Number(await panel.getByTestId('fig-average').getAttribute('data-value'));
	expect(average).toBeCloseTo(e.averageRisk, 12);
	// The class-size chart draws the same numbers: its description lists classes / records per bucket.
	const singles = e.bySize.get(1) ?? 0;
	if (singles > 0) {
		await expect(panel.locator('svg desc').first()).toContainText(
			`1: ${singles.toLocaleString('ja')} / ${singles.toLocaleString('ja')}`
		);
	}
	// The risk distribution: records with risk in the top bin (90–100 %) are those alone in their class.
	await expect(panel.locator('svg[aria-label="再識別リスクの分布 (レコード数)"] desc')).toContainText(
		`90%–100%: ${singles.toLocaleString('ja')} 件`
	);
	return e;
}

test.describe('interactive rule design on the sample', () => {
	test('roles, two hierarchies, live risk equal to the engine, search and apply, compare, language, reload', async ({
		page
	}) => {
		test.setTimeout(240_000);
		await importSample(page);

		// 1. Roles: proposals with reasons; confirm three quasi-identifiers, the rest not.
		await step(page, 'roles');
		const roles = page.getByTestId('roles-table');
		await expect(roles.locator('tr[data-column="氏名"]')).toContainText('氏名 (漢字)');
		await expect(roleSelect(page, '氏名')).toHaveValue('identifying');
		await expect(roleSelect(page, 'マイナンバー')).toHaveCount(0);
		for (const name of ['郵便番号', '受診日', '医療機関コード'])
			await roleSelect(page, name).selectOption('insensitive');
		for (const name of QIS) await roleSelect(page, name).selectOption('quasi-identifying');
		await page.screenshot({ path: 'test-results/design-roles-ja.png' });

		// 2. Rules: build two hierarchies with builders (and keep the proposed one for 性別).
		await step(page, 'rules');
		await page.getByLabel('生年月日 の階層の作り方').selectOption('date');
		// The date form starts at month → year → 5 years; the preset button sets the same chain.
		await page.locator('[data-rule="生年月日"]').getByRole('button', { name: '年月 → 年 → 5年' }).click();
		await page.getByLabel('都道府県 の階層の作り方').selectOption('none');
		await page.getByLabel('都道府県 の階層の作り方').selectOption('prefecture');
		const birth = page.locator('[data-rule="生年月日"]');
		await expect(birth.locator('table.preview thead th')).toHaveCount(2 + 4);
		await expect(page.locator('[data-rule="都道府県"] table.preview')).toContainText('関東');
		await page.screenshot({ path: 'test-results/design-rules-ja.png' });

		// 3. Live risk: k = 5, no suppression; numbers equal the engine's for each transformation.
		await page.getByTestId('k-select').selectOption('5');
		await page.getByTestId('suppression-limit').fill('0');
		await page.getByTestId('suppression-limit').press('Enter');
		await expectFigures(page, { 性別: 0, 生年月日: 0, 都道府県: 0 }, 5);
		await page.getByTestId('level-生年月日').fill('2');
		const coarse = await expectFigures(page, { 性別: 0, 生年月日: 2, 都道府県: 0 }, 5);
		await page.getByTestId('level-都道府県').fill('1');
		const coarser = await expectFigures(page, { 性別: 0, 生年月日: 2, 都道府県: 1 }, 5);
		expect(coarser.kReached).toBeGreaterThanOrEqual(coarse.kReached);
		await page.screenshot({ path: 'test-results/design-risk-ja.png' });

		// 4. Search with 5 % suppression: run, then apply the optimum; the verdict is met.
		await page.getByTestId('suppression-limit').fill('5');
		await page.getByTestId('suppression-limit').press('Enter');
		await step(page, 'search');
		await page.getByRole('button', { name: '最適な加工を探す' }).click();
		const result = page.getByTestId('search-result');
		await expect(result).toBeVisible({ timeout: 60_000 });
		const optimum = Object.fromEntries(
			await Promise.all(
				QIS.map(async (n) => [
					n,
					Number(await result.locator(`[data-testid="optimum-row"] td[data-qi="${n}"]`).textContent())
				])
			)
		);
		await expect(page.locator('svg[aria-label^="一般化の格子"]')).toBeVisible();
		await page.getByTestId('apply-optimum').click();
		for (const n of QIS) await expect(page.getByTestId(`level-${n}`)).toHaveValue(String(optimum[n]));
		await expect(page.getByTestId('verdict')).toHaveText(/プライバシーモデルを満たしています/);
		const suppressed = await result.getByTestId('optimum-suppressed').textContent();
		await expect(page.getByTestId('fig-suppressed')).toContainText(suppressed!.trim());
		await page.screenshot({ path: 'test-results/design-search-ja.png' });

		// 5. Compare: suppressed records and changed rows as the worker counted them.
		await step(page, 'compare');
		await expect(page.getByTestId('compare-suppressed')).toHaveAttribute(
			'data-value',
			String(Number(suppressed!.replace(/,/g, '')))
		);
		await expect(page.locator('[data-compare="生年月日"]')).toBeVisible();
		await page.screenshot({ path: 'test-results/design-compare-ja.png' });

		// Tour: one in how many?
		await step(page, 'tour');
		await expect(page.getByTestId('tour-sharing')).toContainText('人の中の一人');
		await page.screenshot({ path: 'test-results/design-tour-ja.png' });

		// Language switch: the same numbers in English.
		await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { name: 'One in how many?' })).toBeVisible();
		await step(page, 'search');
		await expect(page.getByRole('heading', { name: 'Risk (live)' })).toBeVisible();
		await page.screenshot({ path: 'test-results/design-search-en.png' });
		await step(page, 'rules');
		await page.screenshot({ path: 'test-results/design-rules-en.png' });

		// Reload: the rules and the levels come back from the browser's storage.
		await page.waitForTimeout(600);
		await page.reload();
		await expect(page.locator('[data-rule="都道府県"]')).toBeVisible({ timeout: 30_000 });
		await expect(page.getByLabel('How the hierarchy of 都道府県 is built')).toHaveValue('prefecture');
		await expect(page.getByLabel('How the hierarchy of 生年月日 is built')).toHaveValue('date');
		for (const n of QIS) await expect(page.getByTestId(`level-${n}`)).toHaveValue(String(optimum[n]));
		await expect(page.getByTestId('verdict')).toHaveText(/privacy models are met/);
	});

	test('a running search can be cancelled and the page stays responsive', async ({ page }) => {
		test.setTimeout(240_000);
		// Ten copies of the sample: a search long enough to cancel.
		const facts = sample();
		const text = [
			facts.header.join(','),
			...Array.from({ length: 10 }, () =>
				facts.rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','))
			).flat()
		].join('\n');
		await openApp(page);
		await page
			.getByTestId('file-input')
			.setInputFiles({ name: 'sample-x10.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
		await expect(page.getByTestId('notice')).toContainText('sample-x10.csv', { timeout: 60_000 });
		await step(page, 'roles');
		for (const name of ['ICD10', '医療機関コード'])
			await roleSelect(page, name).selectOption('quasi-identifying');
		await step(page, 'rules');
		await page.getByLabel('ICD10 の階層の作り方').selectOption('prefix');
		await page.getByLabel('医療機関コード の階層の作り方').selectOption('mask');
		await page.getByTestId('k-select').selectOption('20');
		// Record suppression makes the exact search visit far more transformations (seconds, not 0.3 s).
		await page.getByTestId('suppression-limit').fill('5');
		await page.getByTestId('suppression-limit').press('Enter');
		await step(page, 'search');
		await page.getByRole('button', { name: '最適な加工を探す' }).click();
		await page.getByRole('button', { name: '中止' }).click();
		await expect(page.getByTestId('search-error')).toHaveText('探索を中止しました。');
		// Responsive: the steps still switch at once.
		await step(page, 'roles');
		await expect(page.getByTestId('roles-table')).toBeVisible();
	});

	test('peculiar values are listed, a decision changes the risk, and the tour shows k growing', async ({
		page
	}) => {
		test.setTimeout(240_000);
		await importSample(page);
		await step(page, 'roles');
		// A preset fills roles, rules and models; the checklist is tied to the data.
		await page.getByLabel('次世代医療基盤法・匿名加工').check();
		await page.getByTestId('preset-k').selectOption('5');
		await page.getByRole('button', { name: 'プリセットを適用' }).click();
		await expect(page.getByTestId('preset-current')).toContainText('匿名加工');
		await expect(roleSelect(page, '患者ID')).toHaveValue('identifying');
		await expect(page.getByLabel('患者ID の扱い')).toHaveValue('surrogate');
		await expect(page.getByTestId('checklist').locator('li')).toHaveCount(5);
		await expect(page.getByTestId('k-select')).toHaveValue('5');
		await page.screenshot({ path: 'test-results/design-preset-ja.png' });

		await step(page, 'peculiar');
		await page.getByRole('button', { name: '特異な記述を探す' }).click();
		const table = page.getByTestId('peculiar-table');
		await expect(table).toBeVisible();
		const first = table.locator('tbody tr').first();
		const rows = Number((await first.locator('td.num').textContent())!.replace(/,/g, ''));
		const value = (await first.locator('th').textContent())!.trim();
		await page.getByLabel(`${value} の扱い`).selectOption('suppress');
		await page.getByLabel(`${value} の理由`).fill('症例数が極めて少ない');
		await page.getByLabel(`${value} の理由`).press('Tab');
		await expect(page.getByTestId('fig-suppressed')).toContainText(`うち特異な記述の判断で削除: ${rows}`);
		await expect(page.getByTestId('peculiar-count')).toContainText('1 /');
		await page.screenshot({ path: 'test-results/design-peculiar-ja.png' });

		await step(page, 'tour');
		await page.getByTestId('tour-row').fill('1');
		const sharing = page.getByTestId('tour-sharing');
		await expect(sharing).toBeVisible();
		const before = Number(await sharing.getAttribute('data-value'));
		await page.getByTestId('tour-coarsen').click();
		await expect
			.poll(async () => Number(await sharing.getAttribute('data-value')))
			.toBeGreaterThanOrEqual(before);
		await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
		await expect(sharing).toContainText('This person is one in');
		await page.screenshot({ path: 'test-results/design-tour-en.png' });
		await step(page, 'peculiar');
		await page.screenshot({ path: 'test-results/design-peculiar-en.png' });
		await step(page, 'roles');
		await page.screenshot({ path: 'test-results/design-roles-en.png' });
	});

	test('an imported ARX hierarchy is previewed and stays editable in place', async ({ page }) => {
		await importSample(page);
		await step(page, 'rules');
		const rule = page.locator('[data-rule="性別"]');
		await expect(rule).toBeVisible();
		await page.getByLabel('性別 の ARX 階層 CSV').setInputFiles({
			name: 'sex.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('女;F;*\n男;M;*\n')
		});
		await expect(page.getByLabel('性別 の階層の作り方')).toHaveValue('rows');
		await expect(rule.locator('table.preview')).toContainText('F');
		await page.getByLabel('女 のレベル 1').fill('Female');
		await page.getByLabel('女 のレベル 1').press('Enter');
		await expect(rule.locator('table.preview tbody')).toContainText('Female');
		await expect(page.getByLabel('性別 の階層の作り方')).toHaveValue('rows');
	});
});
