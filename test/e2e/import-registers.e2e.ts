/** Import registers on the live server: CSV, XLSX and JSON uploads, row-level rejections, re-upload, 400s. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../nodes/shared/store/store';
import { KEY_HEADER, postWebhook, rest, state, openStore } from './server';

// n8n's own spreadsheet library (the one Extract from File reads with), from the n8n install.
const n8nRequire = createRequire(join(__dirname, '../../.cache/n8n/node_modules/n8n-nodes-base/package.json'));
const XLSX = n8nRequire('@e965/xlsx') as {
	utils: { book_new(): unknown; aoa_to_sheet(rows: unknown[][]): unknown; book_append_sheet(b: unknown, s: unknown, n: string): void };
	write(b: unknown, o: { type: 'buffer'; bookType: 'xlsx' }): Buffer;
};

let store: Store;
beforeAll(async () => {
	store = await openStore();
});
afterAll(() => store.close());

async function count(table: 'customers' | 'technicians' | 'tileModels'): Promise<number> {
	const r = await store.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

function upload(register: string, content: string | Buffer, fileName: string, type: string) {
	const form = new FormData();
	form.append('file', new Blob([content], { type }), fileName);
	return postWebhook(`import/${register}`, form);
}

/** 200 customers, Chinese headers; rows 9 and 150 have no name, rows 33, 77 and 191 a bad phone. */
function customersCsv(): string {
	const lines = ['客户编号,客户名称,联系人,电话,地址,备注'];
	for (let i = 1; i <= 200; i++) {
		const name = i === 9 || i === 150 ? '' : `客户${i}`;
		const phone = i === 33 ? '12' : i === 77 ? '1380000' : i === 191 ? 'abc' : `1390000${String(i).padStart(4, '0')}`;
		lines.push(`E2E-${i},${name},联系人${i},${phone},"上海市徐汇区某路${i}号",`);
	}
	return `\ufeff${lines.join('\r\n')}\r\n`;
}

test('a 200-row customers CSV with Chinese headers: good rows stored, each bad row rejected with its row number; re-upload creates 0', async () => {
	const before = await count('customers');
	const first = await upload('customers', customersCsv(), 'customers.csv', 'text/csv');
	expect(first.status).toBe(200);
	expect(first.json).toEqual({
		created: 195,
		updated: 0,
		rejected: [
			{ row: 9, reason: expect.stringContaining('Name (名称): is empty') },
			{ row: 33, reason: expect.stringContaining('Phone (电话): "12" is not a valid mainland China phone number') },
			{ row: 77, reason: expect.stringContaining('Phone (电话): "1380000" is not a valid mainland China phone number') },
			{ row: 150, reason: expect.stringContaining('Name (名称): is empty') },
			{ row: 191, reason: expect.stringContaining('Phone (电话): "abc" is not a valid mainland China phone number') },
		],
		ignoredColumns: [],
	});
	expect(await count('customers')).toBe(before + 195);
	const stored = await store.db.selectFrom('customers').selectAll().where('code', '=', 'E2E-42').executeTakeFirstOrThrow();
	expect(stored).toMatchObject({ name: '客户42', contactPerson: '联系人42', phone: '13900000042', address: '上海市徐汇区某路42号' });

	const second = await upload('customers', customersCsv(), 'customers.csv', 'text/csv');
	expect(second.status).toBe(200);
	expect(second.json).toMatchObject({ created: 0, updated: 195 });
	expect(await count('customers')).toBe(before + 195);
});

test('technicians from an XLSX file', async () => {
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(
		book,
		XLSX.utils.aoa_to_sheet([
			['姓名', '电话', '邮箱', '技能', '服务区域', '每日工单上限'],
			['王师傅', '13700000001', 'wang@example.com', '空调,锅炉', '徐汇,闵行', 6],
			['李师傅', '13700000002', 'not-an-email', '电梯', '浦东', 4],
		]),
		'技术员',
	);
	const res = await upload(
		'technicians',
		XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }),
		'技术员.xlsx',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	);
	expect(res.status).toBe(200);
	expect(res.json).toEqual({
		created: 1,
		updated: 0,
		rejected: [{ row: 2, reason: expect.stringContaining('Email (邮箱): "not-an-email" is not an email address') }],
		ignoredColumns: [],
	});
	const wang = await store.db.selectFrom('technicians').selectAll().where('phone', '=', '13700000001').executeTakeFirstOrThrow();
	expect(JSON.parse(wang.skills)).toEqual(['空调', '锅炉']);
	expect(wang.dailyCapacity).toBe(6);
});

test('tile models from a JSON array', async () => {
	const res = await postWebhook('import/tile-models', [
		{
			modelCode: 'E2E-600',
			name: '抛光砖',
			widthMm: 600,
			heightMm: 600,
			piecesPerBox: 4,
			boxWeightKg: 26.5,
			pricePerBoxYuan: '128.50',
			boxesOnHand: 40,
		},
		{ 型号: 'E2E-300', 名称: '墙砖', 宽mm: 300, 长mm: 600, 每箱片数: 0, 每箱重量kg: 18, 每箱单价: 60 },
	]);
	expect(res.status).toBe(200);
	expect(res.json).toEqual({
		created: 1,
		updated: 0,
		rejected: [{ row: 2, reason: expect.stringContaining('Pieces per box (每箱片数): 0 is out of range') }],
		ignoredColumns: [],
	});
	const m = await store.db.selectFrom('tileModels').selectAll().where('modelCode', '=', 'E2E-600').executeTakeFirstOrThrow();
	expect(m).toMatchObject({ pricePerBoxFen: 12850, boxWeightG: 26500, boxesOnHand: 40 });
});

describe('an upload that cannot be read gets 400 and changes nothing', () => {
	test.each([
		[
			'a picture',
			() => upload('customers', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'photo.png', 'image/png'),
			/Expected a CSV or XLSX file/,
		],
		[
			'a CSV of another register',
			() => upload('customers', '型号,每箱片数\nA1,4\n', 'models.csv', 'text/csv'),
			/None of the columns \(型号, 每箱片数\) belongs to the customers register/,
		],
		['an empty CSV', () => upload('customers', '', 'empty.csv', 'text/csv'), /no data rows/],
		// name,phone / 甲公司,13800000001 as Chinese Excel saves "CSV (逗号分隔)": in GBK.
		[
			'a CSV saved in GBK',
			() =>
				upload(
					'customers',
					Buffer.concat([Buffer.from('name,phone\n'), Buffer.from('bcd7b9abcbbe', 'hex'), Buffer.from(',13800000001\n')]),
					'gbk.csv',
					'text/csv',
				),
			/not UTF-8/,
		],
		[
			'a broken XLSX',
			() => upload('customers', 'this is not a workbook', 'broken.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
			/cannot be read/,
		],
		[
			'a JSON object instead of an array',
			() => postWebhook('import/customers', { name: '张三' }),
			/Expected a CSV or XLSX file .* or a JSON array of rows/,
		],
		['an empty JSON array', () => postWebhook('import/customers', []), /an empty JSON array: there are no rows to import/],
		['a JSON array of numbers', () => postWebhook('import/customers', [1, 2]), /a JSON array whose rows are not all objects/],
	])('%s', async (_what, send, message) => {
		const before = await count('customers');
		const res = await send();
		expect(res.status).toBe(400);
		expect(String(res.json?.error)).toMatch(message);
		expect(res.text).not.toMatch(/at \w+ \(|node_modules/);
		expect(await count('customers')).toBe(before);
	});
});

test('a column the register does not know is named in the answer (ignoredColumns), the rest imported', async () => {
	const res = await postWebhook('import/customers', [{ 客户编号: 'E2E-IGN', 客户名称: '忽略列公司', 手机号: '13900009999', 微信号: 'wx-1' }]);
	expect(res.status).toBe(200);
	expect(res.json).toEqual({ created: 1, updated: 0, rejected: [], ignoredColumns: ['微信号'] });
	expect(await store.db.selectFrom('customers').select('phone').where('code', '=', 'E2E-IGN').executeTakeFirstOrThrow()).toEqual({
		phone: '13900009999',
	});
});

test('a store that cannot be opened (its folder cannot be made): 500 saying so, never 200, nothing stored', async () => {
	// The import workflow as shipped, on its own paths, with a store credential whose SQLite file
	// lies under a regular file: the folder cannot be made (root can write anywhere else).
	const dir = mkdtempSync(join(tmpdir(), 'after-sales-e2e-broken-'));
	writeFileSync(join(dir, 'not-a-folder'), 'a file, not a folder');
	const file = join(dir, 'not-a-folder', 'store.sqlite');
	const credential = await rest<{ data: { id: string; name: string } }>('rest/credentials', {
		method: 'POST',
		body: JSON.stringify({ name: 'After-Sales Store (unopenable, e2e)', type: 'afterSalesStore', data: { backend: 'sqlite', file } }),
	});
	expect(credential.status).toBe(200);
	const shipped = JSON.parse(readFileSync(join(__dirname, '../../workflows/import-registers.json'), 'utf8')) as {
		name: string;
		nodes: Array<{ type: string; parameters: Record<string, unknown>; credentials?: Record<string, unknown>; webhookId?: string }>;
		connections: unknown;
		settings: unknown;
	};
	for (const node of shipped.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = String(node.parameters.path).replace('after-sales/', 'after-sales-e2e-broken/');
			delete node.webhookId;
		}
		if (node.credentials?.afterSalesStore) node.credentials.afterSalesStore = { id: credential.body.data.id, name: credential.body.data.name };
	}
	const created = await rest<{ data: { id: string; versionId: string } }>('rest/workflows', {
		method: 'POST',
		body: JSON.stringify({
			name: `${shipped.name} — unopenable store (e2e)`,
			nodes: shipped.nodes,
			connections: shipped.connections,
			settings: shipped.settings,
		}),
	});
	expect(created.status).toBe(200);
	const activated = await rest(`rest/workflows/${created.body.data.id}/activate`, {
		method: 'POST',
		body: JSON.stringify({ versionId: created.body.data.versionId }),
	});
	expect(activated.status).toBe(200);

	const send = () =>
		fetch(`${state().baseUrl}webhook/after-sales-e2e-broken/import/customers`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', [KEY_HEADER]: state().key },
			body: JSON.stringify([{ name: '甲公司', phone: '13800000001' }]),
		});
	let res = await send();
	for (let i = 0; res.status === 404 && i < 60; i++) {
		await new Promise((r) => setTimeout(r, 500));
		res = await send();
	}
	const text = await res.text();
	expect(res.status).toBe(500);
	expect(JSON.parse(text)).toEqual({ error: expect.stringContaining(`Cannot open the after-sales store (SQLite file ${file})`) });
	expect(text).not.toMatch(/at \w+ \(|node_modules/);
	expect(existsSync(file)).toBe(false);
});
