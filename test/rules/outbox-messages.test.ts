/** The outbox's messages and the customer's channel (issue 19 items 1, 2, 6), pure. */
import { customerContact, mainlandMobile, newTicketMessage, staffTime, surveySmsMessage } from '../../nodes/shared/rules/outbox-messages';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { ValidationError } from '../../nodes/shared/rules/errors';

const NOW = '2026-11-27T02:00:00.000Z';
const base = { customerName: '华东物业', phone: '13800001111', address: '上海市', siteSituation: '异响' };

test('a mainland mobile as dialled; a landline, a service number, a foreign or no number is none', () => {
	expect(mainlandMobile('+86 138-1234-5678')).toBe('13812345678');
	expect(mainlandMobile('(010) 1234 5678')).toBeNull();
	expect(mainlandMobile('400 810 8888')).toBeNull();
	expect(mainlandMobile('+1 212 555 0100')).toBeNull();
	expect(mainlandMobile('')).toBeNull();
	expect(mainlandMobile(null)).toBeNull();
});

test('the channel: the file’s email first, else the first mobile, else none', () => {
	expect(customerContact({ email: ' chen@example.com ', phones: ['13812345678'] })).toEqual({ channel: 'email', to: 'chen@example.com' });
	expect(customerContact({ email: null, phones: ['021-64871234', '13812345678'] })).toEqual({ channel: 'sms', to: '13812345678' });
	expect(customerContact({ email: 'not an address', phones: ['13912345678'] })).toEqual({ channel: 'sms', to: '13912345678' });
	expect(customerContact({ email: '', phones: ['021-64871234', null] })).toEqual({ channel: 'none' });
});

test('due times as staff read them, in the given zone', () => {
	expect(staffTime('2026-11-27T16:05:00.000Z', 'Asia/Shanghai')).toBe('2026-11-28 00:05');
	expect(staffTime('2026-11-27T09:30:00+08:00', 'Europe/Berlin')).toBe('2026-11-27 02:30');
});

test('the new-ticket message: one item, keyed by the ticket; technician and link only when known', () => {
	const t = {
		ticketNumber: 'BX-20261127-0003',
		customerName: '华东物业',
		contactPerson: '陈经理',
		phone: '13800001111',
		address: '上海市',
		siteSituation: '异响',
		dueAt: '2026-11-28T01:30:00.000Z',
	};
	const m = newTicketMessage(t, 'Asia/Shanghai');
	expect(m).toMatchObject({ key: 'new-ticket:BX-20261127-0003', channel: 'staff', kind: 'new-ticket' });
	expect(m.payload).toEqual({
		kind: 'new-ticket',
		items: [{ ticket: 'BX-20261127-0003', customer: '华东物业 陈经理 13800001111', address: '上海市', due: '2026-11-28 09:30', text: '异响' }],
	});
	const withAll = newTicketMessage({ ...t, technician: { name: '王师傅', phone: '13700000001' } }, 'Asia/Shanghai', 'https://x.example/v');
	expect(withAll.payload).toMatchObject({ items: [{ technician: '王师傅 13700000001', link: 'https://x.example/v' }] });
});

test('the survey SMS carries exactly the template’s params', () => {
	expect(surveySmsMessage({ ticketNumber: 'BX-1', name: '陈经理', url: 'https://s/1', mobile: '13800001111' })).toEqual({
		key: 'survey:BX-1',
		channel: 'sms',
		kind: 'survey',
		to: '13800001111',
		ticketId: null,
		payload: { kind: 'survey', params: { name: '陈经理', ticket: 'BX-1', url: 'https://s/1' } },
	});
});

test('the report’s email: optional, kept lower case; not an address, not text or too long is refused on its field', () => {
	expect(cleanRepairReport(base, 'Asia/Shanghai', NOW).email).toBeNull();
	expect(cleanRepairReport({ ...base, email: ' Chen@Example.COM ' }, 'Asia/Shanghai', NOW).email).toBe('chen@example.com');
	for (const email of ['chen@', 'chen example.com', ['a@b.cn'], `${'a'.repeat(200)}@b.cn`]) {
		let caught: unknown;
		try {
			cleanRepairReport({ ...base, email }, 'Asia/Shanghai', NOW);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ValidationError);
		const errors = (caught as ValidationError).problems;
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ field: 'email', message: expect.stringContaining('邮箱') });
	}
});
