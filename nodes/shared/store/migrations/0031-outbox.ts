import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

/**
 * The outbox (发件箱, issue 19 item 3): every message — email, a staff group's robots, a customer's
 * SMS — is written here in the same transaction as the change that causes it, then sent after the
 * commit by a sender that claims it. `message_key` names the message (the change, its kind and its
 * recipient), so one change never queues one message twice; `delivered` lists the staff robots a
 * message already reached, so a retry after one robot failed does not post to the others again.
 */
export const migration: Migration = {
	version: 31,
	name: 'outbox: messages written with the change, sent after it',
	async up(db, backend) {
		await sql`create table outbox (
			id ${idColumn(backend)},
			message_key text not null constraint ux_outbox_message_key unique,
			channel text not null constraint ck_outbox_channel check (channel in ('email', 'staff', 'sms')),
			kind text not null,
			recipient text,
			subject text,
			payload text not null,
			status text not null default 'pending' constraint ck_outbox_status check (status in ('pending', 'sent', 'failed', 'skipped')),
			attempts integer not null default 0,
			last_error text,
			delivered text not null default '[]',
			next_attempt_at text not null,
			claimed_until text,
			claim_token text,
			ticket_id integer references tickets (id),
			created_at text not null,
			give_up_at text not null,
			sent_at text,
			updated_at text not null
		)`.execute(db);
		await sql`create index ix_outbox_due on outbox (status, next_attempt_at)`.execute(db);
		await sql`create index ix_outbox_ticket on outbox (ticket_id)`.execute(db);
	},
};
