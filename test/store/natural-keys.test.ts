/**
 * Natural keys as staff type them (model codes, serial numbers, contract numbers, customer
 * codes): found after NFKC and case folding, stored as first typed; and migration 4, which
 * brings a store that already holds records to that.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import { storeConfigFromCredential, type StoreConfig } from '../../nodes/shared/store/config';
import { createCustomer, findCustomer, updateCustomer } from '../../nodes/shared/store/registers/customers';
import { createTileModel, findTileModel, updateTileModel } from '../../nodes/shared/store/registers/tile-models';
import { createInstallation, findInstallation } from '../../nodes/shared/store/registers/installations';
import { createContract, findContract, updateContract } from '../../nodes/shared/store/registers/contracts';
import { DuplicateError } from '../../nodes/shared/rules/errors';
import { foldKey } from '../../nodes/shared/rules/natural-keys';

const now = () => new Date().toISOString();
const tile = { name: '抛光砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightG: 26500, pricePerBoxFen: 12850 };

test('foldKey: full-width, case and surrounding spaces fold to one key', () => {
	expect(foldKey('ＣＺ－６００')).toBe('cz-600');
	expect(foldKey(' Cz-600\t')).toBe('cz-600');
	expect(foldKey('ｓｎ　２０２６')).toBe('sn 2026'); // the ideographic space is a space
	expect(foldKey('CZ-600')).not.toBe(foldKey('CZ 600'));
	expect(foldKey('STRASSE')).toBe(foldKey('straße'));
});

test('migrations are one file each, named for their version, in increasing order', () => {
	const versions = MIGRATIONS.map((m) => m.version);
	expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
	const files = readdirSync(join(__dirname, '../../nodes/shared/store/migrations'))
		.filter((f) => /^\d{4}-.+\.ts$/.test(f))
		.sort();
	expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
});

test('a cleared Schema field in the PostgreSQL credential means the default schema, never public', () => {
	for (const schema of [undefined, '', '   ']) {
		expect(storeConfigFromCredential({ backend: 'postgres', schema })).toMatchObject({ backend: 'postgres', schema: 'after_sales' });
	}
	expect(storeConfigFromCredential({ backend: 'postgres', schema: 'Shop1' })).toMatchObject({ schema: 'Shop1' });
});

for (const backend of backends()) {
	describe(`natural keys on ${backend.name}`, () => {
		const opened: Store[] = [];
		async function open(config: StoreConfig, migrations = MIGRATIONS): Promise<Store> {
			const s = await Store.open(config, undefined, migrations);
			opened.push(s);
			return s;
		}
		afterEach(async () => {
			await Promise.all(opened.splice(0).map((s) => s.close()));
		});
		afterAll(() => backend.cleanup());

		test('each register finds its record by the key typed full-width, in another case or with spaces', async () => {
			const store = await open(backend.fresh());
			await store.transaction(async (trx) => {
				await createCustomer(trx, { code: 'KH-A1', name: '甲', phone: '13800000001' }, now());
				await createTileModel(trx, { ...tile, modelCode: 'CZ-600' }, now());
				await createInstallation(
					trx,
					{ serialNo: 'SN-X1', customer: { code: 'ｋｈ－ａ１' }, description: '空调', completedOn: '2026-01-01', warrantyUntil: '2027-01-01' },
					now(),
				);
				await createContract(
					trx,
					{ contractNo: 'HT-2026-01', customer: { code: ' kh-a1 ' }, kind: 'annual', startsOn: '2026-01-01', endsOn: '2026-12-31' },
					now(),
				);
			});
			await store.transaction(async (trx) => {
				for (const code of ['KH-A1', 'ＫＨ－Ａ１', 'kh-a1', ' Kh-A1 ']) expect((await findCustomer(trx, { code }))?.code).toBe('KH-A1');
				for (const modelCode of ['ＣＺ－６００', 'cz-600', 'Cz-600 ']) expect((await findTileModel(trx, { modelCode }))?.modelCode).toBe('CZ-600');
				expect((await findInstallation(trx, { serialNo: 'ｓｎ－ｘ１' }))?.serialNo).toBe('SN-X1');
				expect((await findContract(trx, { contractNo: 'ht-2026-01' }))?.contractNo).toBe('HT-2026-01');
				expect(await findTileModel(trx, { modelCode: 'CZ 600' })).toBeUndefined();
			});
		});

		test('a second record whose key folds to a stored one is refused as the same key', async () => {
			const store = await open(backend.fresh());
			await store.transaction((trx) => createTileModel(trx, { ...tile, modelCode: 'CZ-600' }, now()));
			await expect(store.transaction((trx) => createTileModel(trx, { ...tile, modelCode: 'ｃｚ－６００' }, now()))).rejects.toThrow(
				new DuplicateError('A tile model with this model code (型号) already exists'),
			);
			await store.transaction((trx) => createCustomer(trx, { code: 'KH-1', name: '甲' }, now()));
			await expect(store.transaction((trx) => createCustomer(trx, { code: 'kh-1', name: '乙' }, now()))).rejects.toBeInstanceOf(DuplicateError);
			expect(await store.db.selectFrom('tileModels').select('modelCode').execute()).toEqual([{ modelCode: 'CZ-600' }]);
		});

		test('an update that only retypes the key keeps it as first typed; a real change of key is kept', async () => {
			const store = await open(backend.fresh());
			const { id } = await store.transaction((trx) => createTileModel(trx, { ...tile, modelCode: 'CZ-600' }, now()));
			expect((await store.transaction((trx) => updateTileModel(trx, id, { modelCode: 'ｃｚ－６００', name: '新名' }, now()))).modelCode).toBe(
				'CZ-600',
			);
			expect((await store.transaction((trx) => updateTileModel(trx, id, { modelCode: 'CZ-800' }, now()))).modelCode).toBe('CZ-800');
			expect(await store.transaction((trx) => findTileModel(trx, { modelCode: 'cz-800' }))).toMatchObject({ id, name: '新名' });
			expect(await store.transaction((trx) => findTileModel(trx, { modelCode: 'cz-600' }))).toBeUndefined();

			const customer = await store.transaction((trx) => createCustomer(trx, { code: 'KH-9', name: '甲' }, now()));
			expect((await store.transaction((trx) => updateCustomer(trx, customer.id, { code: 'ｋｈ－９' }, now()))).code).toBe('KH-9');
			const contract = await store.transaction((trx) =>
				createContract(trx, { contractNo: 'HT-1', customer: { code: 'KH-9' }, kind: 'annual', startsOn: '2026-01-01', endsOn: '2026-12-31' }, now()),
			);
			expect((await store.transaction((trx) => updateContract(trx, contract.id, { contractNo: 'ht-1', feeFen: 100 }, now()))).contractNo).toBe(
				'HT-1',
			);
		});

		test('migration 4 on a store with records: keys found folded; two records typed apart that fold alike keep their ids', async () => {
			const config = backend.fresh();
			const before = await open(config, MIGRATIONS.slice(0, 3));
			const at = now();
			// As rows written before this migration: the same model code typed twice, once full-width.
			for (const code of ['CZ-600', 'ｃｚ－６００', 'MQ-1']) {
				await sql`insert into tile_models (model_code, name, width_mm, height_mm, pieces_per_box, box_weight_g, price_per_box_fen, created_at, updated_at)
					values (${code}, '砖', 600, 600, 4, 26500, 12850, ${at}, ${at})`.execute(before.db);
			}
			await sql`insert into customers (code, name, created_at, updated_at) values ('KH-7', '甲', ${at}, ${at})`.execute(before.db);
			await before.close();
			opened.pop();
			const after = await open(config);
			const rows = await after.db.selectFrom('tileModels').select(['id', 'modelCode']).orderBy('id').execute();
			await after.transaction(async (trx) => {
				expect((await findTileModel(trx, { modelCode: 'cz-600' }))?.id).toBe(rows[0].id);
				expect((await findTileModel(trx, { id: rows[1].id }))?.modelCode).toBe('ｃｚ－６００');
				expect((await findTileModel(trx, { modelCode: 'ｍｑ－１' }))?.id).toBe(rows[2].id);
				expect((await findCustomer(trx, { code: 'kh-7' }))?.name).toBe('甲');
			});
			expect(await after.db.selectFrom('customers').select('email').execute()).toEqual([{ email: null }]);
		});
	});
}
