import { cell, expect, openApp, test } from './fixtures';

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('tables are restored after a reload and gone after "delete all local data"', async ({ page }) => {
	await openApp(page);
	const input = page.getByTestId('file-input');
	await input.setInputFiles(csv('a.csv', '患者ID,性別\nP001,女\nP002,男\n'));
	await input.setInputFiles(csv('b.csv', 'code;名称\nE11;2型糖尿病\n'));
	await expect(page.getByRole('tab')).toHaveCount(2);
	await expect(page.getByTestId('storage-tables')).toHaveText('保存済みの表: 2');
	await expect(page.getByTestId('storage-usage')).toContainText('使用量');

	await page.reload();
	await openApp(page);
	await expect(page.getByRole('tab')).toHaveCount(2);
	await page.getByRole('tab', { name: /a\.csv/ }).click();
	await expect(cell(page, 1, 0)).toHaveText('P002');
	await expect(cell(page, 1, 1)).toHaveText('男');
	await page.getByRole('tab', { name: /b\.csv/ }).click();
	await expect(cell(page, 0, 1)).toHaveText('2型糖尿病');

	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'ローカルデータをすべて削除' }).click();
	await expect(page.getByTestId('notice')).toContainText('ローカルデータをすべて削除しました');
	await expect(page.getByRole('tab')).toHaveCount(0);
	await expect(page.getByTestId('storage-tables')).toHaveText('保存済みの表: 0');

	await page.reload();
	await openApp(page);
	await expect(page.getByText('まだ表がありません')).toBeVisible();
	await expect(page.getByRole('tab')).toHaveCount(0);
});

test('declining the confirmation keeps the data', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('file-input').setInputFiles(csv('keep.csv', 'x\n1\n'));
	await expect(page.getByRole('tab')).toHaveCount(1);
	page.once('dialog', (d) => d.dismiss());
	await page.getByRole('button', { name: 'ローカルデータをすべて削除' }).click();
	await expect(page.getByRole('tab')).toHaveCount(1);
});

test('the app reloads offline from its service worker, with the data', async ({ page, context }) => {
	await openApp(page);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((r) =>
				navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })
			);
		}
	});
	await page.getByTestId('file-input').setInputFiles(csv('offline.csv', 'id,v\n1,オフライン\n'));
	await expect(page.getByRole('tab')).toHaveCount(1);

	await context.setOffline(true);
	await page.reload();
	await openApp(page);
	await expect(cell(page, 0, 1)).toHaveText('オフライン');
	// the sample comes from the service worker's cache too
	await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
	await expect(page.getByRole('tab')).toHaveCount(2, { timeout: 60_000 });
	await context.setOffline(false);
});

test('the project (import settings for now) is saved and restored', async ({ page }) => {
	await openApp(page);
	await page.getByLabel('文字コード').selectOption('euc-jp');
	await page.getByLabel('区切り文字').selectOption('\t');
	await page.reload();
	await openApp(page);
	await expect(page.getByLabel('文字コード')).toHaveValue('euc-jp');
	await expect(page.getByLabel('区切り文字')).toHaveValue('\t');
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'ローカルデータをすべて削除' }).click();
	await expect(page.getByLabel('文字コード')).toHaveValue('auto');
});
