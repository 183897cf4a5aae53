import { builderEn, builderJa } from './builder-messages';
import { designEn, designJa } from './design-messages';
import { exportEn, exportJa } from './export-messages';
import { modelsEn, modelsJa } from './models-messages';
/**
 * The message catalog. Every string a person sees goes through here. Japanese is the reference
 * catalog; the English one must have exactly the same keys (the type below enforces it).
 * Placeholders are `{name}` and are filled by `format()`.
 */
export const ja = {
	'app.title': 'Tokumei',
	'app.tagline': '医療データの匿名加工ワークベンチ',
	'app.privacy':
		'データはこのコンピューターから出ません。読み込み・処理・保存はすべてこのブラウザー内で行われ、外部への送信は一切ありません。',
	'app.privacyShort': 'ローカル処理のみ',
	'app.language': '表示言語',
	'app.skip': '本文へスキップ',
	'app.dismiss': '閉じる',
	'app.starting': 'データエンジンを起動しています…',
	'app.engineRestarted': 'データエンジンが停止したため再起動しました。保存済みのデータを復元しました。',
	'app.engineFailed': 'データエンジンを起動できませんでした: {message}',

	'steps.label': '作業ステップ',
	'steps.data': 'データ',
	'steps.roles': '属性の役割',
	'steps.rules': '加工ルール',
	'steps.risk': 'リスク評価',
	'steps.search': '最適化',
	'steps.export': '出力',

	'import.heading': 'データの読み込み',
	'import.drop': 'CSV / TSV ファイルをここにドロップ',
	'import.or': 'または',
	'import.choose': 'ファイルを選択',
	'import.fileLabel': '読み込むファイル',
	'import.encoding': '文字コード',
	'import.delimiter': '区切り文字',
	'import.auto': '自動判定',
	'import.delim.comma': 'カンマ (,)',
	'import.delim.tab': 'タブ',
	'import.delim.semicolon': 'セミコロン (;)',
	'import.delim.pipe': '縦棒 (|)',
	'import.sample': 'サンプルデータで試す',
	'import.sampleSjis': 'サンプル (Shift_JIS 版)',
	'import.sampleNote': '架空の患者 20,000 人分の合成データです。実在の個人情報は含みません。',
	'import.progress': '{name} を読み込み中… {rows} 行',
	'import.cancel': '中止',
	'import.cancelled': '読み込みを中止しました。',
	'import.done': '{name} を読み込みました ({rows} 行 × {cols} 列、{encoding}、{seconds} 秒)。',
	'import.failed': '{name} を読み込めませんでした: {message}',
	'import.warnings': '注意 ({count} 件)',
	'import.sampleMissing': 'サンプルファイルを取得できませんでした (HTTP {status})。',

	'error.EMPTY_FILE': 'ファイルが空です。',
	'error.BINARY_FILE': 'テキストの表ではないようです (画像などのバイナリファイル)。',
	'error.NO_DATA_ROWS': '見出し行だけで、データ行がありません。',
	'error.ENCODING': '文字コードを判別できませんでした。文字コードを指定して再度読み込んでください。',
	'error.ABORTED': '読み込みを中止しました。',
	'error.WORKER_CRASHED': 'データエンジンが停止しました。再起動して保存済みデータを復元します。',
	'error.STORAGE': 'ブラウザーへの保存に失敗しました: {message}',
	'error.UNKNOWN': '予期しないエラー: {message}',
	'error.TOO_MANY_COLUMNS': '列が多すぎます。',
	'error.FIELD_TOO_LARGE': '1 つのセルが大きすぎます (引用符の閉じ忘れの可能性があります)。',
	'error.READ_FAILED': 'ファイルを読み取れませんでした。',
	'warning.RAGGED_ROWS':
		'列数が見出しと異なる行があります ({count} 行)。足りないセルは空欄として読み込みました。',
	'warning.DUPLICATE_HEADER': '重複した列名があります ({count} 件)。番号を付けて区別しました。',
	'warning.EMPTY_HEADER': '空の列名があります ({count} 件)。仮の名前を付けました。',
	'warning.REPLACEMENT_CHARS':
		'文字コードで表せない文字があります ({count} 文字)。文字コードの指定を確認してください。',
	'warning.ENCODING_MISMATCH': '指定した文字コードと内容が一致しない可能性があります。',
	'warning.UNTERMINATED_QUOTE': '閉じていない引用符があります ({count} 件)。',
	'warning.MALFORMED_QUOTES': '引用符の形式が正しくない箇所があります ({count} 件)。',

	'tables.label': '読み込んだ表',
	'tables.empty': 'まだ表がありません。ファイルを読み込むか、サンプルデータで試してください。',
	'tables.close': '{name} を閉じる',
	'tables.summary': '{rows} 行 × {cols} 列 · {encoding} · 区切り {delimiter}',

	'grid.label': '{name} のデータ',
	'grid.rowNumber': '行',
	'grid.loading': '…',
	'grid.selectColumn': '{name} 列のプロファイルを表示',

	'profile.heading': '列のプロファイル',
	'profile.pick': '列を選ぶと、型・欠損・値の分布が表示されます。',
	'profile.column': '列',
	'profile.type': '型',
	'profile.rows': '行数',
	'profile.distinct': '異なる値',
	'profile.missing': '欠損',
	'profile.invalid': '型に合わない値',
	'profile.dateFormat': '日付の書式',
	'profile.mixed': '複数の書式が混在',
	'profile.min': '最小',
	'profile.max': '最大',
	'profile.top': '頻出値',
	'profile.value': '値',
	'profile.count': '件数',
	'profile.histogram': '分布',
	'profile.histogramLabel': '{name} のヒストグラム',
	'profile.empty': '(空)',

	'type.integer': '整数',
	'type.decimal': '小数',
	'type.date': '日付',
	'type.categorical': 'カテゴリ (文字列)',

	'storage.heading': 'このブラウザーに保存されたデータ',
	'storage.usage': '使用量 {used} (上限の目安 {quota})',
	'storage.unknown': '使用量を取得できません',
	'storage.tables': '保存済みの表: {count}',
	'storage.deleteAll': 'ローカルデータをすべて削除',
	'storage.confirm':
		'このブラウザーに保存した表とプロジェクトをすべて削除します。元に戻せません。よろしいですか?',
	'storage.deleted': 'ローカルデータをすべて削除しました。',
	'storage.unavailable':
		'このブラウザーでは保存領域 (OPFS) が使えないため、再読み込みするとデータは消えます。',
	...designJa,
	...exportJa,
	...builderJa,
	...modelsJa
} as const;

export type MessageKey = keyof typeof ja;
export type Catalog = Record<MessageKey, string>;

export const en: Catalog = {
	'app.title': 'Tokumei',
	'app.tagline': 'Anonymization workbench for medical data',
	'app.privacy':
		'Your data never leaves this computer. Import, processing and storage all happen in this browser; nothing is sent anywhere.',
	'app.privacyShort': 'Local only',
	'app.language': 'Language',
	'app.skip': 'Skip to content',
	'app.dismiss': 'Dismiss',
	'app.starting': 'Starting the data engine…',
	'app.engineRestarted': 'The data engine stopped and was restarted. Your saved data was restored.',
	'app.engineFailed': 'The data engine could not start: {message}',

	'steps.label': 'Workflow steps',
	'steps.data': 'Data',
	'steps.roles': 'Roles',
	'steps.rules': 'Rules',
	'steps.risk': 'Risk',
	'steps.search': 'Optimize',
	'steps.export': 'Export',

	'import.heading': 'Import data',
	'import.drop': 'Drop a CSV / TSV file here',
	'import.or': 'or',
	'import.choose': 'Choose a file',
	'import.fileLabel': 'File to import',
	'import.encoding': 'Encoding',
	'import.delimiter': 'Delimiter',
	'import.auto': 'Detect',
	'import.delim.comma': 'Comma (,)',
	'import.delim.tab': 'Tab',
	'import.delim.semicolon': 'Semicolon (;)',
	'import.delim.pipe': 'Pipe (|)',
	'import.sample': 'Try the sample data',
	'import.sampleSjis': 'Sample (Shift_JIS)',
	'import.sampleNote': 'Synthetic records of 20,000 fictitious patients. No real personal data.',
	'import.progress': 'Importing {name}… {rows} rows',
	'import.cancel': 'Cancel',
	'import.cancelled': 'Import cancelled.',
	'import.done': 'Imported {name} ({rows} rows × {cols} columns, {encoding}, {seconds} s).',
	'import.failed': 'Could not import {name}: {message}',
	'import.warnings': 'Warnings ({count})',
	'import.sampleMissing': 'Could not fetch the sample file (HTTP {status}).',

	'error.EMPTY_FILE': 'The file is empty.',
	'error.BINARY_FILE': 'This does not look like a text table (binary file such as an image).',
	'error.NO_DATA_ROWS': 'The file has a header row but no data rows.',
	'error.ENCODING': 'The text encoding could not be recognised. Choose the encoding and import again.',
	'error.ABORTED': 'Import cancelled.',
	'error.WORKER_CRASHED': 'The data engine stopped. It is restarting and restoring your saved data.',
	'error.STORAGE': 'Saving in the browser failed: {message}',
	'error.UNKNOWN': 'Unexpected error: {message}',
	'error.TOO_MANY_COLUMNS': 'The file has too many columns.',
	'error.FIELD_TOO_LARGE': 'One cell is too large (perhaps a quote that is never closed).',
	'error.READ_FAILED': 'The file could not be read.',
	'warning.RAGGED_ROWS':
		'Some rows ({count}) have a different number of cells than the header; missing cells were read as empty.',
	'warning.DUPLICATE_HEADER': 'Duplicate column names ({count}) were numbered to tell them apart.',
	'warning.EMPTY_HEADER': 'Empty column names ({count}) were given placeholder names.',
	'warning.REPLACEMENT_CHARS': 'Some characters ({count}) could not be decoded. Check the encoding.',
	'warning.ENCODING_MISMATCH': 'The content may not match the chosen encoding.',
	'warning.UNTERMINATED_QUOTE': 'A quote is never closed ({count}).',
	'warning.MALFORMED_QUOTES': 'Some quotes are malformed ({count}).',

	'tables.label': 'Loaded tables',
	'tables.empty': 'No tables yet. Import a file or try the sample data.',
	'tables.close': 'Close {name}',
	'tables.summary': '{rows} rows × {cols} columns · {encoding} · delimiter {delimiter}',

	'grid.label': 'Data of {name}',
	'grid.rowNumber': 'Row',
	'grid.loading': '…',
	'grid.selectColumn': 'Show the profile of column {name}',

	'profile.heading': 'Column profile',
	'profile.pick': 'Pick a column to see its type, missing values and distribution.',
	'profile.column': 'Column',
	'profile.type': 'Type',
	'profile.rows': 'Rows',
	'profile.distinct': 'Distinct',
	'profile.missing': 'Missing',
	'profile.invalid': 'Not of the type',
	'profile.dateFormat': 'Date notation',
	'profile.mixed': 'mixed notations',
	'profile.min': 'Min',
	'profile.max': 'Max',
	'profile.top': 'Top values',
	'profile.value': 'Value',
	'profile.count': 'Count',
	'profile.histogram': 'Distribution',
	'profile.histogramLabel': 'Histogram of {name}',
	'profile.empty': '(empty)',

	'type.integer': 'Integer',
	'type.decimal': 'Decimal',
	'type.date': 'Date',
	'type.categorical': 'Categorical (text)',

	'storage.heading': 'Data stored in this browser',
	'storage.usage': '{used} used (quota about {quota})',
	'storage.unknown': 'Storage use is not available',
	'storage.tables': 'Saved tables: {count}',
	'storage.deleteAll': 'Delete all local data',
	'storage.confirm':
		'This deletes every table and the project saved in this browser. It cannot be undone. Continue?',
	'storage.deleted': 'All local data was deleted.',
	'storage.unavailable':
		'This browser offers no private storage (OPFS), so the data will be gone after a reload.',
	...designEn,
	...exportEn,
	...builderEn,
	...modelsEn
};

export const catalogs = { ja, en } as const;
export type Locale = keyof typeof catalogs;
export const locales: readonly Locale[] = ['ja', 'en'];
