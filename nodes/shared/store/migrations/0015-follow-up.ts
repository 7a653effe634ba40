import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

export const migration: Migration = {
	version: 15,
	name: 'follow-up: survey link secret, surveys, complaints',
	async up(db, backend) {
		const ID = idColumn(backend);
		// Secrets the store makes for itself, once, in the migrating transaction: every process and
		// queue-mode worker on this store signs with the same one, and it survives restarts.
		await sql`create table store_secrets (
			name text primary key,
			value text not null,
			created_at text not null
		)`.execute(db);
		await sql`insert into store_secrets (name, value, created_at)
			values ('survey-token', ${randomBytes(32).toString('base64url')}, ${new Date().toISOString()})`.execute(db);
		await sql`create table surveys (
			id ${ID},
			survey_number text not null constraint ux_surveys_number unique,
			ticket_id integer not null constraint ux_surveys_ticket unique references tickets (id),
			email text,
			expires_at text not null,
			email_claimed_at text,
			emailed_at text,
			answered_at text,
			channel text constraint ck_surveys_channel check (channel in ('link', 'phone')),
			attitude integer constraint ck_surveys_attitude check (attitude between 1 and 4),
			skill integer constraint ck_surveys_skill check (skill between 1 and 4),
			arrival integer constraint ck_surveys_arrival check (arrival between 1 and 4),
			promises integer constraint ck_surveys_promises check (promises between 1 and 4),
			accepted integer,
			delivered text constraint ck_surveys_delivered check (delivered in ('yes', 'no', 'no-attachment')),
			comments text,
			answered_by text,
			created_by text not null,
			created_at text not null,
			updated_at text not null,
			constraint ck_surveys_answer check (answered_at is null or (channel is not null and attitude is not null and skill is not null and arrival is not null and promises is not null))
		)`.execute(db);
		await sql`create index ix_surveys_answered on surveys (answered_at)`.execute(db);
		await sql`create table complaints (
			id ${ID},
			complaint_number text not null constraint ux_complaints_number unique,
			ticket_id integer not null references tickets (id),
			survey_id integer constraint ux_complaints_survey unique references surveys (id),
			severity text not null constraint ck_complaints_severity check (severity in ('general', 'serious')),
			text text not null,
			channel text not null,
			received_at text not null,
			reply_due_on text not null,
			reply_due_at text not null,
			status text not null constraint ck_complaints_status check (status in ('open', 'replied', 'closed')),
			notice_claimed_at text,
			notified_at text,
			escalated_period integer not null default 0,
			reply_method text constraint ck_complaints_reply_method check (reply_method in ('letter', 'phone')),
			replied_at text,
			reply_text text,
			replied_by text,
			closed_at text,
			closed_by text,
			created_by text not null,
			created_at text not null,
			updated_at text not null
		)`.execute(db);
		await sql`create index ix_complaints_status on complaints (status, severity, reply_due_on)`.execute(db);
		await sql`create index ix_complaints_ticket on complaints (ticket_id)`.execute(db);
		await sql`create index ix_complaints_received on complaints (received_at)`.execute(db);
	},
};
