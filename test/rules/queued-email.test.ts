/** The outbox email of a workflow's own email (Queue Email), pure: its key, kind, recipients and refusals. */
import { queuedEmailMessage } from '../../nodes/shared/rules/outbox-messages';

test('the key names it, its first part is the kind; several recipients are kept; an empty HTML is left out', () => {
	expect(
		queuedEmailMessage({
			to: ' manager@example.test，boss@example.test ',
			subject: '周报',
			text: '正文',
			html: '  ',
			key: ' weekly-table-email:2026-W48 ',
		}),
	).toEqual({
		key: 'weekly-table-email:2026-W48',
		channel: 'email',
		kind: 'weekly-table-email',
		to: 'manager@example.test, boss@example.test',
		subject: '周报',
		payload: { text: '正文' },
	});
	const withFile = queuedEmailMessage({
		to: '经理 <manager@example.test>',
		subject: 's',
		text: '',
		html: '<p>x</p>',
		key: 'kpi-email:2026-11',
		attachments: [{ filename: 'kpi.xlsx', contentType: 'application/octet-stream', base64: 'AA==' }],
	});
	expect(withFile.payload).toEqual({
		text: '',
		html: '<p>x</p>',
		attachments: [{ filename: 'kpi.xlsx', contentType: 'application/octet-stream', base64: 'AA==' }],
	});
});

test('refused: no key, no recipient, a recipient that is no address (each named)', () => {
	const ok = { to: 'a@example.test', subject: 's', text: 't', key: 'k:1' };
	expect(() => queuedEmailMessage({ ...ok, key: '  ' })).toThrow(/Message Key \(消息键\): is empty/);
	expect(() => queuedEmailMessage({ ...ok, to: '' })).toThrow(/To \(收件人\): is empty/);
	expect(() => queuedEmailMessage({ ...ok, to: 'a@example.test, zhang wei' })).toThrow(/"zhang wei" is not an email address/);
	expect(() => queuedEmailMessage({ ...ok, to: ',' })).toThrow(/"," is not an email address/);
});
