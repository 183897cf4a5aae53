import { expect, grid, openApp, sample, scrollGrid, test } from './fixtures';

// Screenshots at 1280×800 in both languages (test-results/screenshots/), for people to look at.
for (const locale of ['ja-JP', 'en-US'] as const) {
	test.describe(locale, () => {
		test.use({ locale, viewport: { width: 1280, height: 800 } });
		test(`workbench with the sample loaded (${locale})`, async ({ page }) => {
			await openApp(page);
			await page
				.getByRole('button', { name: locale === 'ja-JP' ? 'サンプルデータで試す' : 'Try the sample data' })
				.click();
			await expect(page.getByRole('tab')).toHaveCount(1, { timeout: 60_000 });
			// a numeric column, so the profile shows its histogram
			const hba1c = sample().header.indexOf('HbA1c');
			await scrollGrid(page, 0, Math.max(0, (hba1c - 1) * 160));
			await grid(page).getByRole('button', { name: 'HbA1c', exact: true }).click();
			await expect(page.getByTestId('profile-column')).toHaveText('HbA1c');
			await scrollGrid(page, 0, 0);
			await page.screenshot({ path: `test-results/screenshots/workbench-${locale}.png` });
			await page.getByTestId('notice').getByRole('button').click();
			await page.locator('main').evaluate((m) => m.scrollTo(0, m.scrollHeight));
			await page.screenshot({ path: `test-results/screenshots/workbench-scrolled-${locale}.png` });
		});
	});
}
