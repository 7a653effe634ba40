/**
 * The SQLite dialect keeps its prepared statements by their SQL (issue 21: preparing was a tenth of
 * a ticket intake). What reuse must not change: a statement run after the table changed sees the
 * table as it is now, a statement pushed out of the cache still runs, a failed statement leaves the
 * next call of the same SQL working, and a rolled-back transaction's statements keep nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql, type Generated } from 'kysely';
import { openSqlite } from '../../nodes/shared/store/sqlite-dialect';

type Db = { notes: { id: Generated<number>; body: string } };

describe('SQLite prepared statements, reused by their SQL', () => {
	let db: Kysely<Db>;
	beforeEach(async () => {
		db = new Kysely<Db>({ dialect: openSqlite(join(mkdtempSync(join(tmpdir(), 'after-sales-stmts-')), 's.sqlite')) });
		await sql`create table notes (id integer primary key, body text not null unique)`.execute(db);
	});
	afterEach(async () => db.destroy());

	const all = () => sql<Record<string, unknown>>`select * from notes order by id`.execute(db).then((r) => r.rows);

	test('the same select after the table gained a column returns the new column', async () => {
		await sql`insert into notes (body) values ('一')`.execute(db);
		expect(await all()).toEqual([{ id: 1, body: '一' }]);
		await sql`alter table notes add column tag text default 'x'`.execute(db);
		expect(await all()).toEqual([{ id: 1, body: '一', tag: 'x' }]);
	});

	test('more distinct statements than the cache holds: every one answers its own rows, the first ones again after', async () => {
		for (let i = 0; i < 600; i++) await sql`insert into notes (body) values (${`n${i}`})`.execute(db);
		const one = (i: number) => sql.raw<{ body: string }>(`select body from notes where id = ${i + 1}`).execute(db);
		for (let i = 0; i < 600; i++) expect((await one(i)).rows).toEqual([{ body: `n${i}` }]);
		for (let i = 0; i < 3; i++) expect((await one(i)).rows).toEqual([{ body: `n${i}` }]);
	});

	test('a statement that failed (unique body) runs again with other values', async () => {
		const insert = (body: string) => db.insertInto('notes').values({ body }).execute();
		await insert('甲');
		await expect(insert('甲')).rejects.toThrow(/UNIQUE/);
		await insert('乙');
		expect((await all()).map((r) => r.body)).toEqual(['甲', '乙']);
	});

	test('a transaction rolled back keeps none of its rows, and the same statements then write', async () => {
		const insert = (k: Kysely<Db>, body: string) => k.insertInto('notes').values({ body }).execute();
		await expect(
			db.transaction().execute(async (trx) => {
				await insert(trx, '丙');
				throw new Error('refused');
			}),
		).rejects.toThrow('refused');
		expect(await all()).toEqual([]);
		await db.transaction().execute(async (trx) => insert(trx, '丙'));
		expect(await all()).toEqual([{ id: 1, body: '丙' }]);
	});
});
