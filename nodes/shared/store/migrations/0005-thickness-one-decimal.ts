import { sql } from 'kysely';
import type { Migration } from './migration';

/**
 * Tile thickness with one decimal, as shops list it (9.5 mm, 10.5 mm). PostgreSQL's integer
 * column becomes double precision (9.5 is exact in binary; the rules allow one decimal). SQLite
 * already keeps 9.5 in its INTEGER-affinity column as the real number it is, so nothing changes
 * there. The column keeps its name: `thicknessMm` (厚mm) stays the public field.
 */
export const migration: Migration = {
	version: 5,
	name: 'tile thickness with one decimal (9.5 mm)',
	async up(db, backend) {
		if (backend === 'postgres') await sql`alter table tile_models alter column thickness_mm type double precision`.execute(db);
	},
};
