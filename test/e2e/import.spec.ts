import { cell, columnFacts, expect, grid, numberJa, openApp, sample, scrollGrid, test } from './fixtures';

test.describe('importing the sample data', () => {
	test('UTF-8 sample: real cells, scrolling to the last row, column profiles', async ({ page }) => {
		const facts = sample();
		await openApp(page);
		await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
		await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv を読み込みました', {
			timeout: 60_000
		});
		await expect(page.getByTestId('table-summary')).toContainText(
			`${numberJa(facts.rows.length)} 行 × ${facts.header.length} 列 · utf-8`
		);
		// first row, every column in view, as the CSV has it
		for (let c = 0; c < 4; c++) await expect(cell(page, 0, c)).toHaveText(facts.rows[0][c]);
		// the column headers are the CSV's
		await expect(grid(page).getByRole('columnheader').nth(1)).toHaveText(facts.header[0]);

		// the last row, fetched on demand from the worker
		await scrollGrid(page, -1);
		const last = facts.rows.length - 1;
		await expect(cell(page, last, 0)).toHaveText(facts.rows[last][0]);
		await expect(cell(page, last, 1)).toHaveText(facts.rows[last][1]);

		// profile of a categorical column
		const sex = columnFacts(facts, '性別');
		await scrollGrid(page, 0, Math.max(0, (sex.index - 1) * 160));
		await grid(page).getByRole('button', { name: '性別', exact: true }).click();
		await expect(page.getByTestId('profile-column')).toHaveText('性別');
		await expect(page.getByTestId('profile-distinct')).toHaveText(numberJa(sex.distinct));
		await expect(page.getByTestId('profile-missing')).toHaveText(numberJa(sex.missing));
		await expect(page.getByTestId('profile-rows')).toHaveText(numberJa(facts.rows.length));

		// profile of a numeric column, with its histogram
		const numeric = facts.header.find((h) => /HbA1c|BMI/i.test(h)) ?? facts.header[facts.header.length - 1];
		const n = columnFacts(facts, numeric);
		await scrollGrid(page, 0, Math.max(0, (n.index - 1) * 160));
		await grid(page).getByRole('button', { name: numeric, exact: true }).click();
		await expect(page.getByTestId('profile-column')).toHaveText(numeric);
		await expect(page.getByTestId('profile-type')).toHaveText(/小数|整数/);
		await expect(page.getByTestId('profile-missing')).toHaveText(numberJa(n.missing));
		await expect(page.getByTestId('profile-distinct')).toHaveText(numberJa(n.distinct));
		const numbers = facts.rows
			.map((r) => r[n.index])
			.filter((v) => v.trim() !== '')
			.map(Number);
		await expect(page.getByTestId('profile-min')).toHaveText(
			String(facts.rows.map((r) => r[n.index]).find((v) => Number(v) === Math.min(...numbers)))
		);
		const bars = page.locator('svg.histogram .bars rect');
		expect(await bars.count()).toBeGreaterThan(3);
	});

	test('Shift_JIS sample decodes to the same values as the UTF-8 one', async ({ page }) => {
		const facts = sample();
		await openApp(page);
		await page.getByRole('button', { name: 'サンプル (Shift_JIS 版)' }).click();
		await expect(page.getByTestId('notice')).toContainText('tokumei-sample-sjis.csv を読み込みました', {
			timeout: 60_000
		});
		await expect(page.getByTestId('table-summary')).toContainText('shift_jis');
		for (let c = 0; c < 4; c++) await expect(cell(page, 0, c)).toHaveText(facts.rows[0][c]);
		await expect(grid(page).getByRole('columnheader').nth(2)).toHaveText(facts.header[1]);
	});
});
