import { renderServiceBoard } from '../../nodes/shared/documents/service-board';
import { dispatchBoard, ticketBoard } from '../../nodes/shared/rules/board';
import type { BoardTicket, ServiceBoard } from '../../nodes/shared/services/board';
import { evil, expectEscaped, expectNoLeaks, SCRIPT } from './helpers';

const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai

function ticket(ticketNumber: string, status: string, dueAt: string, extra: Partial<BoardTicket> = {}): BoardTicket {
	const overdue = Date.parse(dueAt) < Date.parse(NOW);
	return {
		ticketNumber,
		status,
		category: 'A',
		customerName: '华东物业',
		phone: '13800000001',
		address: '上海市徐汇区',
		siteSituation: '空调不制冷',
		technicianName: '王师傅',
		reportedAt: '2026-11-26T01:00:00.000Z',
		dueAt,
		overdue,
		minutesOverdue: overdue ? Math.floor((Date.parse(NOW) - Date.parse(dueAt)) / 60000) : 0,
		...extra,
	};
}

function board(over: Partial<ServiceBoard> = {}, tickets: BoardTicket[] = []): ServiceBoard {
	const t = ticketBoard(tickets, NOW);
	const base: ServiceBoard = {
		generatedAt: NOW,
		today: '2026-11-27',
		timezone: 'Asia/Shanghai',
		tickets: t,
		dispatch: dispatchBoard([]),
		takenBack: [],
		contracts: [],
		invoices: [],
		complaints: [],
		summary: {
			openTickets: tickets.length,
			overdueTickets: t.overdue.length,
			dispatchedToday: 0,
			freeCapacityToday: 0,
			productsTakenBack: 0,
			contractsWithNotice: 0,
			unpaidInvoices: 0,
			owedFen: 0,
			openComplaints: 0,
			seriousComplaints: 0,
		},
	};
	return { ...base, ...over };
}

describe('service board page (服务看板)', () => {
	const tickets = [
		ticket('BX-20261127-0003', 'open', '2026-11-27T06:00:00.000Z'), // 14:00, not overdue
		ticket('BX-20261126-0001', 'dispatched', '2026-11-26T00:25:00.000Z'), // 25 h 35 min late
		ticket('BX-20261127-0002', 'open', '2026-11-27T04:00:00.000Z'), // 12:00
	];

	test('Chinese by default: letterhead, title, refresh every 60 s, the sections and their empty lines', () => {
		const out = renderServiceBoard(board({}, tickets), undefined, { name: '安达售后服务有限公司' });
		expect(out.startsWith('<!doctype html>\n')).toBe(true);
		expect(out).toContain('<html lang="zh-CN">');
		expect(out).toContain('<meta http-equiv="refresh" content="60">');
		expect(out).toContain('<title>服务看板 · 安达售后服务有限公司</title>');
		expect(out).toContain('<div class="company-name">安达售后服务有限公司</div>');
		expect(out).toContain('更新时间 2026-11-27 10:00');
		for (const text of [
			'未结工单 (3)',
			'今日派工 2026-11-27',
			'没有技术员。',
			'没有带回未还的商品。',
			'没有已发到期通知的合同。',
			'没有未收款的发票。',
			'没有待回复的投诉。',
		]) {
			expect(out).toContain(text);
		}
		expectNoLeaks(out.replace(/<style>[\s\S]*<\/style>/, ''));
		expect(out).not.toMatch(/<(?:script|link|img|iframe)\b/i);
	});

	test('overdue first (with how late, in red), then by status, each by due time', () => {
		const out = renderServiceBoard(board({}, tickets));
		const order = [...out.matchAll(/data-ticket="([^"]+)"/g)].map((m) => m[1]);
		expect(order).toEqual(['BX-20261126-0001', 'BX-20261127-0002', 'BX-20261127-0003']);
		expect(out).toContain('已超时 (1)');
		expect(out).toMatch(/<tr class="overdue" data-ticket="BX-20261126-0001">/);
		expect(out).toContain('超时 1天1小时'); // 25 h 35 min: days and hours
		expect(out).toContain('11-26 08:25'); // due time in Shanghai
		expect(out.indexOf('已超时 (1)')).toBeLessThan(out.indexOf('待派工 (2)'));
	});

	test('each open ticket links to the form of its next step with the ticket filled in: the board is the list of open tickets', () => {
		const steps = [
			ticket('BX-20261127-0011', 'taken-back', '2026-11-28T06:00:00.000Z'),
			ticket('BX-20261127-0012', 'repaired', '2026-11-28T06:00:00.000Z'),
			ticket('BX-20261127-0013', 'inspected', '2026-11-28T06:00:00.000Z'),
		];
		const out = renderServiceBoard(board({}, [...tickets, ...steps]));
		const next = (n: string) =>
			[...(new RegExp(`data-ticket="${n}">(.*?)</td>`).exec(out)?.[1] ?? '').matchAll(/<a href="([^"]+)" data-next="[^"]+">([^<]+)<\/a>/g)].map(
				(m) => `${m[2]} ${m[1]}`,
			);
		expect(next('BX-20261127-0003')).toEqual(['派工 /form/after-sales/dispatch?ticketNumber=BX-20261127-0003']);
		expect(next('BX-20261126-0001')).toEqual([
			'上门结果 /form/after-sales/visit-result?ticketNumber=BX-20261126-0001',
			'改派 /form/after-sales/dispatch?ticketNumber=BX-20261126-0001',
		]);
		expect(next('BX-20261127-0011')).toEqual(['修护记录 /form/after-sales/repair-steps?ticketNumber=BX-20261127-0011']);
		expect(next('BX-20261127-0012')).toEqual(['验讫 /form/after-sales/repair-steps?ticketNumber=BX-20261127-0012']);
		expect(next('BX-20261127-0013')).toEqual(['归还 /form/after-sales/repair-steps?ticketNumber=BX-20261127-0013']);
		const en = renderServiceBoard(board({}, tickets), 'en');
		expect(en).toMatch(/data-ticket="BX-20261126-0001">.*>Visit result<\/a> · <a [^>]*>Reassign<\/a>/);
	});

	test('English with lang en; refresh 0 leaves the page still; a link back to Chinese', () => {
		const out = renderServiceBoard(board({}, tickets), 'en', undefined, { refreshSeconds: 0 });
		expect(out).toContain('<html lang="en">');
		expect(out).not.toContain('http-equiv="refresh"');
		for (const text of ['Service Board', 'Open tickets (3)', 'Overdue (1)', '1 d 1 h late', 'No contracts with a notice out.', 'href="?lang=zh-CN"'])
			expect(out).toContain(text);
		expect(out).not.toContain('<div class="company-name">');
	});

	test('dispatch against capacity: jobs / capacity, free, full and over', () => {
		const dispatch = dispatchBoard([
			{ name: '王师傅', phone: '13700000001', dailyCapacity: 4, jobs: 3, active: true },
			{ name: '李师傅', phone: '13700000002', dailyCapacity: 2, jobs: 3, active: true },
		]);
		const out = renderServiceBoard(board({ dispatch }));
		expect(out).toMatch(/data-technician="13700000001"><td>王师傅<\/td><td class="num">3 \/ 4<\/td><td class="num">1<\/td>.*75%/);
		expect(out).toMatch(/data-technician="13700000002"><td>李师傅<\/td><td class="num">3 \/ 2<\/td><td class="num over">0 超出 1<\/td>.*150%/);
		expect(out).toMatch(/<tfoot><tr><th>合计<\/th><td class="num">6 \/ 6<\/td><td class="num">1<\/td>/);
	});

	test('a product taken back shows its promised date when there is one, and where it is', () => {
		const out = renderServiceBoard(
			board({
				takenBack: [
					{
						ticketNumber: 'BX-1',
						receiptNumber: 'SJ-1',
						product: '空调室外机',
						serialNo: 'SN-1',
						customerName: '华东物业',
						technicianName: '王师傅',
						takenOn: '2026-11-20',
						promisedBy: '2026-11-25',
						late: true,
						where: 'awaiting-inspection',
					},
					{
						ticketNumber: 'BX-2',
						receiptNumber: 'SJ-2',
						product: '锅炉',
						serialNo: null,
						customerName: '华东物业',
						technicianName: null,
						takenOn: '2026-11-26',
						promisedBy: null,
						late: false,
						where: 'in-repair',
					},
				],
			}),
		);
		expect(out).toMatch(/<tr class="late" data-ticket="BX-1">.*<td class="promised">2026-11-25<\/td><td>待经理验讫<\/td>/);
		expect(out).toMatch(/<tr class="" data-ticket="BX-2">.*<td class="promised">—<\/td><td>修护中<\/td>/);
	});

	test('contracts with a notice out: one row each with the renewal task', () => {
		const out = renderServiceBoard(
			board({
				contracts: [
					{
						contractNo: 'HT-2026-001',
						customerName: '华东物业',
						customerPhone: '13800000001',
						endsOn: '2026-12-27',
						noticeNumber: 'TZ-20261127-0001',
						noticedOn: '2026-11-27',
						taskStatus: 'open',
					},
				],
			}),
		);
		expect(out).toMatch(
			/data-contract="HT-2026-001"><td>HT-2026-001<\/td><td>华东物业<\/td><td>13800000001<\/td><td class="date">2026-12-27<\/td><td>TZ-20261127-0001<\/td><td class="date">2026-11-27<\/td><td>洽谈中<\/td>/,
		);
		expect(out).not.toContain('没有已发到期通知的合同。');
	});

	test('every user field is escaped: <script> never reaches the page', () => {
		const e = evil;
		const out = renderServiceBoard(
			board(
				{
					dispatch: dispatchBoard([{ name: e('techName'), phone: e('techPhone'), dailyCapacity: 2, jobs: 1, active: true }]),
					takenBack: [
						{
							ticketNumber: e('tbTicket'),
							receiptNumber: e('receipt'),
							product: e('product'),
							serialNo: e('serial'),
							customerName: e('tbCustomer'),
							technicianName: e('tbTech'),
							takenOn: e('takenOn'),
							promisedBy: e('promisedBy'),
							late: false,
							where: 'in-repair',
						},
					],
					contracts: [
						{
							contractNo: e('contractNo'),
							customerName: e('cCustomer'),
							customerPhone: e('cPhone'),
							endsOn: e('endsOn'),
							noticeNumber: e('notice'),
							noticedOn: e('noticedOn'),
							taskStatus: e('task'),
						},
					],
					invoices: [
						{
							invoiceNumber: e('invoice'),
							customerName: e('iCustomer'),
							source: e('source'),
							issuedOn: e('issuedOn'),
							totalFen: 100,
							paidFen: 0,
							owedFen: 100,
							days: 1,
						},
					],
					complaints: [
						{
							complaintNumber: e('complaint'),
							ticketNumber: e('pTicket'),
							severity: 'serious',
							text: e('text'),
							customerName: e('pCustomer'),
							phone: e('pPhone'),
							technicianName: e('pTech'),
							receivedAt: NOW,
							replyDueOn: e('replyDue'),
							overdue: false,
						},
					],
				},
				[
					ticket(e('ticket'), 'open', '2026-11-26T00:00:00.000Z', {
						customerName: e('customer'),
						phone: e('phone'),
						siteSituation: e('situation'),
						technicianName: e('technician'),
						category: e('category'),
					}),
				],
			),
			'zh-CN',
			{ name: e('company') },
		);
		expectEscaped(out, [
			'techName',
			'techPhone',
			'tbTicket',
			'receipt',
			'product',
			'serial',
			'tbCustomer',
			'tbTech',
			'takenOn',
			'promisedBy',
			'contractNo',
			'cCustomer',
			'cPhone',
			'endsOn',
			'notice',
			'noticedOn',
			'task',
			'invoice',
			'iCustomer',
			'source',
			'issuedOn',
			'complaint',
			'pTicket',
			'text',
			'pCustomer',
			'pTech',
			'replyDue',
			'ticket',
			'customer',
			'phone',
			'situation',
			'technician',
			'category',
			'company',
		]);
		expect(out).not.toContain(SCRIPT);
		// the title too
		expect(out).toMatch(/<title>服务看板 · &lt;script&gt;/);
	});
});
