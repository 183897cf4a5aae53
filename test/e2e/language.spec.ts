import { expect, openApp, test } from './fixtures';

test('Japanese by browser preference, switch to English, choice kept', async ({ page }) => {
	await openApp(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
	await expect(page.getByRole('heading', { name: 'データの読み込み' })).toBeVisible();
	await expect(page.getByTestId('privacy')).toContainText('データはこのコンピューターから出ません');

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Import data' })).toBeVisible();
	await expect(page.getByTestId('privacy')).toContainText('Your data never leaves this computer');
	await expect(page.getByRole('button', { name: 'Try the sample data' })).toBeVisible();

	await page.reload();
	await openApp(page);
	await expect(page.getByRole('heading', { name: 'Import data' })).toBeVisible();
	await page.getByRole('button', { name: '日本語' }).click();
	await expect(page.getByRole('heading', { name: 'データの読み込み' })).toBeVisible();
});

test.describe('with an English browser', () => {
	test.use({ locale: 'en-US' });
	test('starts in English', async ({ page }) => {
		await openApp(page);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Import data' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
	});
});
