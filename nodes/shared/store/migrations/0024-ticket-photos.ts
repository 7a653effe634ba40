import { sql } from 'kysely';
import type { Migration } from './migration';
import { idColumn } from './migration';

/**
 * Photos of a visit (issue 17, 上门结果 照片): kept with the ticket in the store itself, so that
 * every n8n of a queue-mode installation sees them (no local files). One row a photo: its number
 * on the ticket (`seq`, 1, 2 …), content type, the bytes (BLOB / bytea), size and SHA-256.
 * The limits (jpg/png, 10 MB each, 3 a visit) are the rule's; the CHECKs here are the backstop.
 */
export const migration: Migration = {
	version: 24,
	name: 'ticket photos: the visit photos kept with the ticket (bytes in the store)',
	async up(db, backend) {
		const bytes = backend === 'postgres' ? sql`bytea` : sql`blob`;
		await sql`create table ticket_photos (
			id ${idColumn(backend)},
			ticket_id integer not null references tickets (id),
			seq integer not null constraint ck_ticket_photos_seq check (seq > 0),
			content_type text not null constraint ck_ticket_photos_type check (content_type in ('image/jpeg', 'image/png')),
			bytes ${bytes} not null,
			size integer not null constraint ck_ticket_photos_size check (size > 0 and size <= 10485760),
			sha256 text not null,
			file_name text,
			created_at text not null,
			created_by text,
			constraint ux_ticket_photos_seq unique (ticket_id, seq)
		)`.execute(db);
	},
};
