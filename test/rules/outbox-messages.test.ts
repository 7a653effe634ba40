/** The outbox's messages and the customer's channel (issue 19 items 1, 2, 6), pure. */
import {
	customerContact,
	expirySmsMessage,
	mainlandMobile,
	newTicketMessage,
	paymentSmsMessage,
	readySmsMessage,
	replySmsMessage,
	smsName,
	staffTime,
	surveySmsMessage,
} from '../../nodes/shared/rules/outbox-messages';
import { SMS_TEMPLATE_PARAMS, tencentTemplateParamSet } from '../../nodes/shared/channels/sms';
import { feedbackContact } from '../../nodes/shared/rules/customer-feedback';
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

describe('the customer SMS of the other four kinds (RECORDS: ready name,ticket,date; payment name,order,amount; expiry name,contract,date; reply name,complaint)', () => {
	test('product ready (验讫): keyed by the ticket, the day it comes back', () => {
		const m = readySmsMessage({ ticketNumber: 'BX-20261127-0003', ticketId: 7, name: '陈经理', returnOn: '2026-12-02', mobile: '13800001111' });
		expect(m).toEqual({
			key: 'ready:BX-20261127-0003',
			channel: 'sms',
			kind: 'ready',
			to: '13800001111',
			ticketId: 7,
			payload: { kind: 'ready', params: { name: '陈经理', ticket: 'BX-20261127-0003', date: '2026-12-02' } },
		});
		if (m.channel !== 'sms') throw new Error('not an SMS');
		expect(Object.keys(m.payload.params)).toEqual(SMS_TEMPLATE_PARAMS.ready);
		expect(tencentTemplateParamSet('ready', m.payload.params)).toEqual(['陈经理', 'BX-20261127-0003', '2026-12-02']);
	});

	test('complaint reply: keyed by the complaint; a complaint about no ticket has none', () => {
		const m = replySmsMessage({ complaintNumber: 'TS-20261128-0002', ticketId: null, name: '路人甲', mobile: '13900000033' });
		expect(m).toEqual({
			key: 'reply:TS-20261128-0002',
			channel: 'sms',
			kind: 'reply',
			to: '13900000033',
			ticketId: null,
			payload: { kind: 'reply', params: { name: '路人甲', complaint: 'TS-20261128-0002' } },
		});
		if (m.channel !== 'sms') throw new Error('not an SMS');
		expect(Object.keys(m.payload.params)).toEqual(SMS_TEMPLATE_PARAMS.reply);
		expect(tencentTemplateParamSet('reply', m.payload.params)).toEqual(['路人甲', 'TS-20261128-0002']);
	});

	test('payment notice: keyed by the order, the amount kept in fen; the channel shows yuan', () => {
		const m = paymentSmsMessage({ orderNumber: 'DD-20261127-0001', name: '陈女士', amountFen: 192_800, mobile: '13812345678' });
		expect(m).toEqual({
			key: 'payment:DD-20261127-0001',
			channel: 'sms',
			kind: 'payment',
			to: '13812345678',
			ticketId: null,
			payload: { kind: 'payment', params: { name: '陈女士', order: 'DD-20261127-0001', amount: 192_800 } },
		});
		if (m.channel !== 'sms') throw new Error('not an SMS');
		expect(Object.keys(m.payload.params)).toEqual(SMS_TEMPLATE_PARAMS.payment);
		// ¥1,928.00; 5 fen is 0.05 yuan.
		expect(tencentTemplateParamSet('payment', m.payload.params)).toEqual(['陈女士', 'DD-20261127-0001', '1928.00']);
		const small = paymentSmsMessage({ orderNumber: 'DD-1', name: '陈女士', amountFen: 5, mobile: '13812345678' });
		if (small.channel !== 'sms') throw new Error('not an SMS');
		expect(tencentTemplateParamSet('payment', small.payload.params)).toEqual(['陈女士', 'DD-1', '0.05']);
	});

	test('contract expiry: keyed by the contract and the day it was noticed, the date the day it ends', () => {
		const m = expirySmsMessage({ contractNo: 'HT-JAN31', noticedOn: '2027-01-31', endsOn: '2027-02-28', name: '没有邮箱', mobile: '13800000002' });
		expect(m).toEqual({
			key: 'expiry:HT-JAN31:2027-01-31',
			channel: 'sms',
			kind: 'expiry',
			to: '13800000002',
			ticketId: null,
			payload: { kind: 'expiry', params: { name: '没有邮箱', contract: 'HT-JAN31', date: '2027-02-28' } },
		});
		if (m.channel !== 'sms') throw new Error('not an SMS');
		expect(Object.keys(m.payload.params)).toEqual(SMS_TEMPLATE_PARAMS.expiry);
		expect(tencentTemplateParamSet('expiry', m.payload.params)).toEqual(['没有邮箱', 'HT-JAN31', '2027-02-28']);
	});

	test('the name greeted: the contact person, else the customer', () => {
		expect(smsName('华东物业', ' 陈经理 ')).toBe('陈经理');
		expect(smsName('华东物业', null)).toBe('华东物业');
		expect(smsName(' 华东物业 ', '  ')).toBe('华东物业');
	});

	test('feedback: email first; else the first mainland mobile by SMS; else the desk calls (ready) or the letter is posted (reply)', () => {
		expect(feedbackContact('product-ready', { email: 'a@example.com', phones: ['13800001111'] })).toEqual({
			channel: 'email',
			email: 'a@example.com',
			mobile: null,
		});
		expect(feedbackContact('product-ready', { email: null, phones: ['021-64871234', '138 0000 1111'] })).toEqual({
			channel: 'sms',
			email: null,
			mobile: '13800001111',
		});
		expect(feedbackContact('complaint-reply', { email: '', phones: ['+86 139-0000-0033'] })).toEqual({
			channel: 'sms',
			email: null,
			mobile: '13900000033',
		});
		expect(feedbackContact('product-ready', { email: null, phones: ['021-64871234', null] })).toEqual({
			channel: 'phone',
			email: null,
			mobile: null,
		});
		expect(feedbackContact('complaint-reply', { email: null, phones: ['010-12345678'] })).toEqual({ channel: 'post', email: null, mobile: null });
	});
});
