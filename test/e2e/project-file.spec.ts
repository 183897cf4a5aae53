import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const step = (page: Page, id: string) => page.locator(`nav [data-step="${id}"]`).click();
const ruleSelect = (page: Page, name: string) => page.getByLabel(`${name} の階層の作り方`);
const json = (name: string, text: string) => ({
	name,
	mimeType: 'application/json',
	buffer: Buffer.from(text)
});

async function importSample(page: Page) {
	await openApp(page);
	await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
	await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });
}

async function download(page: Page): Promise<string> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'プロジェクトファイルを保存' }).click()
	]);
	return readFileSync((await file.path())!, 'utf8');
}

test('a downloaded project file opens again: rules and decisions restored; a broken one changes nothing', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1280, height: 800 });
	await importSample(page);

	// The rules to save: k = 10, 都道府県 by prefecture, and one decision on a peculiar value.
	await step(page, 'rules');
	await ruleSelect(page, '都道府県').selectOption('prefecture');
	await page.getByTestId('k-select').selectOption('10');
	await expect(page.getByTestId('fig-k')).toBeVisible({ timeout: 30_000 });
	await step(page, 'peculiar');
	await page.getByRole('button', { name: '特異な記述を探す' }).click();
	const table = page.getByTestId('peculiar-table');
	await expect(table).toBeVisible({ timeout: 30_000 });
	const firstAction = table.locator('tbody tr').first().locator('select');
	await firstAction.selectOption('keep');
	const firstNote = table.locator('tbody tr').first().locator('input[type="text"]').last();
	await firstNote.fill('研究に必要');
	await firstNote.press('Enter');
	await expect(firstNote).toHaveValue('研究に必要');

	const saved = await download(page);
	const project = JSON.parse(saved);
	expect(project.tokumei).toBe(1);
	expect(project.privacy).toContainEqual({ model: 'k-anonymity', k: 10 });
	expect(project.decisions).toHaveLength(1);
	expect(project.decisions[0]).toMatchObject({ action: 'keep', note: '研究に必要' });
	expect(project.ui?.peculiar).toBeUndefined();

	// Change the rules, then open the saved file: everything comes back.
	await step(page, 'rules');
	await ruleSelect(page, '都道府県').selectOption('none');
	await page.getByTestId('k-select').selectOption('5');
	await expect(page.getByTestId('k-select')).toHaveValue('5');
	await page.getByTestId('project-file-input').setInputFiles(json('tokumei-project.json', saved));
	await expect(page.getByTestId('project-file-message')).toContainText('tokumei-project.json を開きました');
	await expect(page.getByTestId('k-select')).toHaveValue('10');
	await expect(ruleSelect(page, '都道府県')).toHaveValue('prefecture');
	await step(page, 'peculiar');
	await page.getByRole('button', { name: '特異な記述を探す' }).click();
	await expect(table.locator('tbody tr').first().locator('select')).toHaveValue('keep');
	await expect(table.locator('tbody tr').first().locator('input[type="text"]').last()).toHaveValue(
		'研究に必要'
	);

	// Broken files: a clear message, and the project stays as it is.
	await step(page, 'rules');
	const message = page.getByTestId('project-file-message');
	await page.getByTestId('project-file-input').setInputFiles(json('broken.json', '{"tokumei": 1, "data": '));
	await expect(message).toHaveAttribute('role', 'alert');
	await expect(message).toContainText('broken.json を開けません: JSON として読めないファイルです。');
	await expect(message).toContainText('現在の規則は変更していません。');
	await expect(page.getByTestId('k-select')).toHaveValue('10');

	await page
		.getByTestId('project-file-input')
		.setInputFiles(json('future.json', JSON.stringify({ ...project, tokumei: 2 })));
	await expect(message).toContainText('future.json を開けません: Tokumei のプロジェクトファイルではないか');

	await page
		.getByTestId('project-file-input')
		.setInputFiles(json('key.json', JSON.stringify({ ...project, output: { pseudonymKey: 'abc' } })));
	await expect(message).toContainText('鍵や秘密の値が含まれています');

	const renamed = { ...project, attributes: { ...project.attributes, 体重: { role: 'insensitive' } } };
	delete renamed.attributes['性別'];
	await page.getByTestId('project-file-input').setInputFiles(json('other.json', JSON.stringify(renamed)));
	await expect(message).toContainText('other.json の列が読み込んだ表と一致しません。');
	await expect(message).toContainText('ファイルにない列: 性別');
	await expect(message).toContainText('表にない列: 体重');

	const badDecision = { ...project, decisions: [{ ...project.decisions[0], action: 'drop' }] };
	await page
		.getByTestId('project-file-input')
		.setInputFiles(json('decision.json', JSON.stringify(badDecision)));
	await expect(message).toContainText('decisions[0].action');
	await expect(page.getByTestId('k-select')).toHaveValue('10');
	await expect(ruleSelect(page, '都道府県')).toHaveValue('prefecture');
	await step(page, 'peculiar');
	await message.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/project-file-ja.png' });

	await page.getByRole('button', { name: 'English' }).click();
	await expect(message).toContainText('Cannot open decision.json: part of it is not valid.');
	await message.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/project-file-en.png' });
});
