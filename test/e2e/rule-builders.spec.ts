import type { Page } from '@playwright/test';
import { buildHierarchyRows } from '../../src/lib/engine/hierarchy/builders';
import { expect, openApp, sample, test } from './fixtures';

/**
 * The hierarchy builder forms and the rows editor (issue 5, step 2) on the sample, with an age column
 * added (満年齢 on 2024-04-01 from 生年月日): the age bands are changed with the form, and an imported
 * ARX hierarchy of 都道府県 is edited cell by cell. Every number asserted is computed here in Node from
 * the file (papaparse + the engine's builders on plain arrays), not read back from the page.
 */

const QIS = ['年齢', '性別', '都道府県'];

function ageOn(birth: string): string {
	const [y, m, d] = birth.split('-').map(Number);
	return String(2024 - y - (m > 4 || (m === 4 && d > 1) ? 1 : 0));
}

/** The sample with 年齢 appended, as CSV text, and its columns as arrays. */
function sampleWithAge() {
	const facts = sample();
	const birth = facts.header.indexOf('生年月日');
	const header = [...facts.header, '年齢'];
	const rows = facts.rows.map((r) => [...r, ageOn(r[birth])]);
	const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
	const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\n');
	const column = (name: string) => rows.map((r) => r[header.indexOf(name)] ?? '');
	return { header, text, column };
}

/** Generalized labels of a column at a level, from hierarchy rows in ARX layout. */
function generalize(values: readonly string[], rows: readonly string[][], level: number): string[] {
	const byValue = new Map(rows.map((r) => [r[0], r[level]]));
	return values.map((v) => byValue.get(v)!);
}

/** Smallest class size (k reached) and number of classes of the combined generalized columns. */
function classFigures(columns: readonly string[][]) {
	const counts = new Map<string, number>();
	for (let i = 0; i < columns[0].length; i++) {
		const key = columns.map((c) => c[i]).join('\u0000');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return { k: Math.min(...counts.values()), classes: counts.size };
}

const distinctCount = (labels: readonly string[]) => new Set(labels).size;

const step = (page: Page, id: string) => page.locator(`nav [data-step="${id}"]`).click();

async function expectK(page: Page, figures: { k: number; classes: number }) {
	const panel = page.getByTestId('risk-panel');
	await expect(panel.getByTestId('fig-k')).toHaveAttribute('data-value', String(figures.k));
	await expect(panel.getByTestId('fig-classes')).toHaveAttribute('data-value', String(figures.classes));
}

test('age bands from the form, an imported ARX hierarchy edited in place, both languages', async ({
	page
}) => {
	test.setTimeout(240_000);
	const data = sampleWithAge();
	const ages = data.column('年齢');
	const sexes = data.column('性別');
	const prefectures = data.column('都道府県');

	await openApp(page);
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'sample-age.csv', mimeType: 'text/csv', buffer: Buffer.from(data.text) });
	await expect(page.getByTestId('notice')).toContainText('sample-age.csv', { timeout: 60_000 });

	// Roles: 年齢, 性別 and 都道府県 are the quasi-identifiers, nothing else.
	await step(page, 'roles');
	// The proposals come from the worker; roles set before them would be overwritten.
	await expect(page.getByTestId('roles-table').locator('tr[data-column="氏名"]')).toContainText(
		'氏名 (漢字)'
	);
	for (const name of data.header) {
		const select = page.getByLabel(`${name} の役割`, { exact: true });
		if ((await select.count()) === 0) continue;
		const wanted = QIS.includes(name) ? 'quasi-identifying' : null;
		if (wanted) await select.selectOption(wanted);
		else if ((await select.inputValue()) === 'quasi-identifying') await select.selectOption('insensitive');
	}

	await step(page, 'rules');
	for (const name of QIS) await expect(page.getByTestId(`level-${name}`)).toBeVisible();
	await expect(page.getByTestId('risk-panel').locator('input[type="range"]')).toHaveCount(QIS.length);
	await page.getByTestId('k-select').selectOption('5');
	await page.getByTestId('suppression-limit').fill('0');
	await page.getByTestId('suppression-limit').press('Enter');
	await page.getByLabel('性別 の階層の作り方').selectOption('sex');
	await page.getByLabel('都道府県 の階層の作り方').selectOption('none');

	// 1. Age: the builder's form, preset "10歳 → 20歳", shown at level 1.
	const age = page.locator('[data-rule="年齢"]');
	await page.getByLabel('年齢 の階層の作り方').selectOption('age');
	await age.getByLabel('年齢区分').selectOption('decades');
	await expect(age.getByLabel('レベル 1 の区分')).toHaveValue('10y');
	await expect(age.getByLabel('レベル 2 の区分')).toHaveValue('20y');
	await page.getByTestId('rule-level-年齢').fill('1');
	const decades = buildHierarchyRows(ages, { builder: 'age', levels: ['10y', '20y'] });
	const ageAt1 = generalize(ages, decades, 1);
	const preview = age.locator('table.preview');
	await expect(preview.locator('th[data-level="1"]')).toHaveAttribute(
		'data-groups',
		String(distinctCount(ageAt1))
	);
	await expect(preview.locator('th[data-level="2"]')).toHaveAttribute(
		'data-groups',
		String(distinctCount(generalize(ages, decades, 2)))
	);
	await expect(preview).toContainText('70-79歳');
	await expect(page.getByTestId('level-年齢')).toHaveValue('1');
	const sexAt0 = sexes;
	const byDecade = classFigures([ageAt1, sexAt0, prefectures]);
	await expectK(page, byDecade);
	await page.screenshot({ path: 'test-results/rule-builders-age-ja.png' });

	// Top-code at 75 instead of 90: the form sends the rule, the level stays 1, k follows.
	await age.getByLabel('トップコーディング').fill('75');
	const top75 = buildHierarchyRows(ages, { builder: 'age', levels: ['10y', '20y'], top: 75 });
	const ageTop75 = generalize(ages, top75, 1);
	await expect(preview).toContainText('75歳以上');
	await expect(preview.locator('th[data-level="1"]')).toHaveAttribute(
		'data-groups',
		String(distinctCount(ageTop75))
	);
	await expect(page.getByTestId('level-年齢')).toHaveValue('1');
	const byTop75 = classFigures([ageTop75, sexAt0, prefectures]);
	expect(byTop75.classes).toBeLessThan(byDecade.classes);
	await expectK(page, byTop75);

	// An invalid chain is explained and not sent: 10歳 then 5歳 does not merge whole bands.
	await age.getByLabel('レベル 2 の区分').selectOption('5y');
	await expect(page.getByTestId('spec-problem-年齢')).toContainText('区分をまとめた形になっていません');
	await expectK(page, byTop75);
	await age.getByLabel('レベル 2 の区分').selectOption('20y');
	await expect(page.getByTestId('spec-problem-年齢')).toHaveCount(0);

	// 2. 都道府県 from an imported ARX hierarchy file (prefecture → 地方 → *), edited in place.
	const regions: Record<string, string> = {};
	for (const row of buildHierarchyRows(prefectures, { builder: 'prefecture' })) regions[row[0]] = row[2];
	const arxRows = [...new Set(prefectures)].map((p) => [p, regions[p], '*']);
	const csv = arxRows.map((r) => r.join(';')).join('\n') + '\n';
	const pref = page.locator('[data-rule="都道府県"]');
	await pref.getByLabel('都道府県 の ARX 階層 CSV').setInputFiles({
		name: 'prefectures.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await expect(page.getByLabel('都道府県 の階層の作り方')).toHaveValue('rows');
	await page.getByTestId('rule-level-都道府県').fill('1');
	const prefPreview = pref.locator('table.preview');
	const prefAt1 = generalize(prefectures, arxRows, 1);
	await expect(prefPreview.locator('th[data-level="1"]')).toHaveAttribute(
		'data-groups',
		String(distinctCount(prefAt1))
	);
	await expectK(page, classFigures([ageTop75, sexAt0, prefAt1]));

	// Edit a cell: 東京都 leaves 関東 for a region of its own; the preview and k follow.
	await pref.getByLabel('値・ラベルで絞り込み').fill('東京都');
	await pref.getByLabel('東京都 のレベル 1').fill('東京');
	await pref.getByLabel('東京都 のレベル 1').press('Enter');
	const edited = arxRows.map((r) => (r[0] === '東京都' ? ['東京都', '東京', '*'] : r));
	const editedAt1 = generalize(prefectures, edited, 1);
	expect(distinctCount(editedAt1)).toBe(distinctCount(prefAt1) + 1);
	await expect(prefPreview.locator('th[data-level="1"]')).toHaveAttribute(
		'data-groups',
		String(distinctCount(editedAt1))
	);
	await expect(prefPreview).toContainText('東京');
	await expectK(page, classFigures([ageTop75, sexAt0, editedAt1]));
	await page.screenshot({ path: 'test-results/rule-builders-rows-ja.png' });

	// An empty label is refused with the engine's message; the rule keeps its last valid rows; undo.
	await pref.getByLabel('東京都 のレベル 1').fill('');
	await pref.getByLabel('東京都 のレベル 1').press('Enter');
	await expect(pref.getByTestId('rows-problem')).toContainText('empty generalization at level 1');
	await expect(prefPreview.locator('th[data-level="1"]')).toHaveAttribute(
		'data-groups',
		String(distinctCount(editedAt1))
	);
	await pref.getByRole('button', { name: '直前の編集を取り消す' }).click();
	await expect(pref.getByTestId('rows-problem')).toHaveCount(0);
	await expect(pref.getByLabel('東京都 のレベル 1')).toHaveValue('東京');

	// The edited hierarchy downloads as an ARX CSV with the edit in it.
	const download = page.waitForEvent('download');
	await pref.getByRole('button', { name: '都道府県 の階層を ARX CSV に書き出す' }).click();
	const file = await download;
	const stream = await file.createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	const exported = Buffer.concat(chunks).toString('utf8');
	expect(exported.split('\n')).toContain('東京都;東京;*');
	expect(exported.trim().split('\n')).toHaveLength(arxRows.length);

	// 3. English: the same forms and numbers.
	await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
	await expect(age.getByLabel('Age bands')).toHaveValue('decades');
	await expect(age.getByLabel('Top coding')).toHaveValue('75');
	await expect(pref.getByRole('button', { name: 'Undo the last edit' })).toBeVisible();
	await expectK(page, classFigures([ageTop75, sexAt0, editedAt1]));
	await page.screenshot({ path: 'test-results/rule-builders-en.png', fullPage: true });
	await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '日本語' }).click();
	await page.screenshot({ path: 'test-results/rule-builders-ja.png', fullPage: true });
});

test('each builder has a form; groups are filled by pasting a spreadsheet table', async ({ page }) => {
	test.setTimeout(240_000);
	const facts = sample();
	const prefectures = facts.rows.map((r) => r[facts.header.indexOf('都道府県')]);
	await openApp(page);
	await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
	await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });
	await step(page, 'roles');
	await expect(page.getByTestId('roles-table').locator('tr[data-column="氏名"]')).toContainText(
		'氏名 (漢字)'
	);
	await page.getByLabel('都道府県 の役割', { exact: true }).selectOption('quasi-identifying');
	await step(page, 'rules');
	const card = page.locator('[data-rule="都道府県"]');
	const builder = page.getByLabel('都道府県 の階層の作り方');
	for (const kind of ['interval', 'date', 'mask', 'prefix', 'prefecture', 'sex']) {
		await builder.selectOption(kind);
		await expect(card.getByRole('group', { name: '都道府県 の階層の設定' })).toBeVisible();
		await card.scrollIntoViewIfNeeded();
		await card.screenshot({ path: `test-results/rule-builders-form-${kind}-ja.png` });
	}

	// Groups: a table level, the data's values added, then the groups pasted from a spreadsheet.
	await builder.selectOption('groups');
	await card.getByLabel('レベル 1 のまとめ方').selectOption('map');
	await card.getByRole('button', { name: /データの値を追加/ }).click();
	await expect(card.getByRole('alert').first()).toContainText('グループが空です');
	const regions = new Map(
		buildHierarchyRows(prefectures, { builder: 'prefecture' }).map((r) => [r[0], r[2]] as const)
	);
	const tsv = ['値\tグループ', ...[...regions].map(([p, region]) => `${p}\t${region}`)].join('\r\n');
	await card.getByText('表計算ソフトから貼り付け').click();
	await card.locator('textarea').first().fill(tsv);
	await card.getByRole('button', { name: '貼り付けた内容を反映' }).click();
	await expect(card.getByRole('alert')).toHaveCount(0);
	await page.getByTestId('rule-level-都道府県').fill('1');
	await expect(card.locator('table.preview th[data-level="1"]')).toHaveAttribute(
		'data-groups',
		String(new Set(regions.values()).size)
	);
	await expect(card.getByLabel('東京都 のグループ')).toHaveValue('関東');
	await card.scrollIntoViewIfNeeded();
	await card.screenshot({ path: 'test-results/rule-builders-form-groups-ja.png' });

	await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
	await expect(card.getByLabel('How level 1 groups')).toHaveValue('map');
	await card.screenshot({ path: 'test-results/rule-builders-form-groups-en.png' });
	for (const kind of ['interval', 'date', 'age']) {
		await page.getByLabel('How the hierarchy of 都道府県 is built').selectOption(kind);
		await expect(card.getByRole('group', { name: 'Hierarchy options of 都道府県' })).toBeVisible();
		await card.screenshot({ path: `test-results/rule-builders-form-${kind}-en.png` });
	}
});
