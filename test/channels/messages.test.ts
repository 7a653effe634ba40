/** Staff markdown and SMS parameters (issue 19 item 2): limits, escaping, digests, template order. */
import {
	dingtalkMessages,
	escapeMarkdown,
	feishuMessages,
	markdownLink,
	MAX_DIGEST_PARTS,
	utf8Bytes,
	wecomMessages,
	type StaffItem,
	type StaffMessage,
} from '../../nodes/shared/channels/markdown';
import { aliyunTemplateParam, smsMobile, smsParams, tencentTemplateParamSet, SMS_TEMPLATE_PARAMS } from '../../nodes/shared/channels/sms';

const newTicket: StaffMessage = {
	kind: 'new-ticket',
	items: [
		{
			ticket: 'BX-20261127-0001',
			customer: '华东物业',
			address: '上海市徐汇区漕溪路88号',
			technician: '王师傅 13700000001',
			due: '2026-11-27 17:00',
			text: '空调不制冷',
			link: 'https://service.example.com/webhook/after-sales/repairs/BX-20261127-0001/documents/voucher/mh2k3n4o.abc',
		},
	],
};

/** n overdue tickets, each with a long address so a list overflows a message quickly. */
const overdue = (n: number): StaffMessage => ({
	kind: 'overdue',
	summary: `共 ${n} 张报修单超时`,
	items: Array.from({ length: n }, (_, i) => ({
		ticket: `BX-20261127-${String(i + 1).padStart(4, '0')}`,
		customer: `客户${i + 1}`,
		address: '上海市徐汇区漕溪路88号华东大厦十二层东侧机房'.repeat(2),
		technician: '王师傅',
		due: '2026-11-27 17:00',
	})),
});

const ticketsIn = (text: string): string[] => text.match(/BX-20261127-\d{4}/g) ?? [];
const moreCount = (text: string): number => Number(/还有 (\d+) 条未列出/.exec(text)?.[1] ?? 0);

describe('one staff message on each platform', () => {
	test('WeCom: msgtype markdown with the ticket, customer, address, technician, due time and the document link', () => {
		const [body, ...rest] = wecomMessages(newTicket);
		expect(rest).toEqual([]);
		expect(body.msgtype).toBe('markdown');
		const content = body.markdown.content;
		expect(content).toContain('### 新报修');
		expect(content).toContain('**BX-20261127-0001 · 华东物业**');
		expect(content).toContain('地址：上海市徐汇区漕溪路88号');
		expect(content).toContain('技术员：王师傅 13700000001');
		expect(content).toContain('期限：2026-11-27 17:00');
		expect(content).toContain('[查看单据](https://service.example.com/webhook/after-sales/repairs/BX-20261127-0001/documents/voucher/mh2k3n4o.abc)');
	});

	test('DingTalk: msgtype markdown with a title and the text, lines broken the DingTalk way (two spaces)', () => {
		const [body] = dingtalkMessages(newTicket);
		expect(body.msgtype).toBe('markdown');
		expect(body.markdown.title).toBe('售后 · 新报修');
		expect(body.markdown.text).toContain('**BX-20261127-0001 · 华东物业**  \n地址：上海市徐汇区漕溪路88号');
	});

	test('Feishu: an interactive card, red header for urgent kinds, blue otherwise, lark_md content', () => {
		const [body] = feishuMessages(newTicket);
		expect(body.msg_type).toBe('interactive');
		expect(body.card.header).toEqual({ title: { tag: 'plain_text', content: '新报修' }, template: 'blue' });
		expect(body.card.elements[0].text.tag).toBe('lark_md');
		expect(body.card.elements[0].text.content).toContain('期限：2026-11-27 17:00');
		expect(feishuMessages({ kind: 'serious-complaint', items: [{ ticket: 'TS-20261127-0001', text: '师傅态度差' }] })[0].card.header.template).toBe(
			'red',
		);
	});
});

describe('user text is escaped for markdown', () => {
	test('markup characters become inert full-width forms; line breaks become spaces', () => {
		expect(escapeMarkdown('**大客户** [点我](javascript:alert(1)) <font color="red">x</font>\n# 标题\n> 引用')).toBe(
			'＊＊大客户＊＊ ［点我］(javascript:alert(1)) ＜font color="red"＞x＜/font＞ ＃ 标题 ＞ 引用',
		);
		expect(escapeMarkdown('a_b`c~d\\e|f')).toBe('a＿b｀c～d＼e｜f');
	});

	test('a customer name cannot break the bold run, open a link or start a heading', () => {
		const [body] = wecomMessages({ kind: 'new-ticket', items: [{ ticket: 'BX-1', customer: '王**\n### [赢了](http://evil.example)' }] });
		expect(body.markdown.content).toContain('**BX-1 · 王＊＊ ＃＃＃ ［赢了］(http://evil.example)**');
		expect(body.markdown.content.match(/\]\(/g)).toBeNull();
	});

	test('links: only http(s); parentheses and spaces in the address are percent-encoded', () => {
		expect(markdownLink('单据', 'javascript:alert(1)')).toBeUndefined();
		expect(markdownLink('单据', 'not a url')).toBeUndefined();
		expect(markdownLink('单据', 'https://x.example/a(b) c')).toBe('[单据](https://x.example/a%28b%29%20c)');
	});
});

describe('long lists become digests within each platform limit', () => {
	test('WeCom: every part at most 4096 bytes; split over parts, the last says how many are left out', () => {
		const parts = wecomMessages(overdue(200));
		expect(parts.length).toBe(MAX_DIGEST_PARTS);
		for (const p of parts) expect(utf8Bytes(p.markdown.content)).toBeLessThanOrEqual(4096);
		expect(parts[1].markdown.content).toContain('### 超时未完成（续）');
		const listed = parts.flatMap((p) => ticketsIn(p.markdown.content));
		expect(new Set(listed).size).toBe(listed.length);
		expect(listed.length + moreCount(parts[2].markdown.content)).toBe(200);
		expect(moreCount(parts[2].markdown.content)).toBeGreaterThan(0);
		expect(parts[0].markdown.content).toContain('共 200 张报修单超时');
	});

	test('a list that fits in two parts is split, nothing left out, no "还有" line', () => {
		const size = (n: number) => utf8Bytes(wecomMessages(overdue(n))[0].markdown.content);
		const perItem = size(2) - size(1);
		const n = Math.floor(4096 / perItem) + 2; // more than one message holds, fewer than two
		const parts = wecomMessages(overdue(n));
		expect(parts.length).toBe(2);
		expect(parts.flatMap((p) => ticketsIn(p.markdown.content))).toHaveLength(n);
		expect(parts.some((p) => p.markdown.content.includes('还有'))).toBe(false);
	});

	test('DingTalk text at most 5000 bytes a part; Feishu whole body under 19.5 KB; both account for every item', () => {
		const d = dingtalkMessages(overdue(300));
		for (const p of d) expect(utf8Bytes(p.markdown.text)).toBeLessThanOrEqual(5000);
		expect(d.flatMap((p) => ticketsIn(p.markdown.text)).length + moreCount(d[d.length - 1].markdown.text)).toBe(300);
		const f = feishuMessages(overdue(300));
		for (const p of f) expect(utf8Bytes(JSON.stringify(p))).toBeLessThanOrEqual(19_500);
		const fText = (p: (typeof f)[number]) => p.card.elements[0].text.content;
		expect(f.flatMap((p) => ticketsIn(fText(p))).length + moreCount(fText(f[f.length - 1]))).toBe(300);
	});

	test('one item longer than a whole message is cut with "…" to fit, not dropped', () => {
		const item: StaffItem = { ticket: 'BX-20261127-0001', text: '漏水'.repeat(3000) };
		const [body, ...rest] = wecomMessages({ kind: 'serious-complaint', items: [item] });
		expect(rest).toEqual([]);
		expect(utf8Bytes(body.markdown.content)).toBeLessThanOrEqual(4096);
		expect(body.markdown.content).toContain('BX-20261127-0001');
		expect(body.markdown.content.endsWith('…')).toBe(true);
	});

	test('an empty list still makes one message with its heading', () => {
		expect(wecomMessages({ kind: 'cash-list', summary: '今日无现金待交', items: [] })).toEqual([
			{ msgtype: 'markdown', markdown: { content: '### 现金待交清单\n\n今日无现金待交' } },
		]);
	});
});

describe('SMS templates: params per kind exactly as RECORDS lists them', () => {
	test('the kinds and their parameters', () => {
		expect(SMS_TEMPLATE_PARAMS).toEqual({
			survey: ['name', 'ticket', 'url'],
			ready: ['name', 'ticket', 'date'],
			payment: ['name', 'order', 'amount'],
			expiry: ['name', 'contract', 'date'],
			reply: ['name', 'complaint'],
		});
	});

	test('Aliyun TemplateParam is a JSON object by name; Tencent TemplateParamSet the values in order', () => {
		const params = { url: 'https://s.example/webhook/after-sales/surveys/abc', name: '陈经理', ticket: 'BX-20261127-0001' };
		expect(aliyunTemplateParam('survey', params)).toBe(
			'{"name":"陈经理","ticket":"BX-20261127-0001","url":"https://s.example/webhook/after-sales/surveys/abc"}',
		);
		expect(tencentTemplateParamSet('survey', params)).toEqual(['陈经理', 'BX-20261127-0001', 'https://s.example/webhook/after-sales/surveys/abc']);
	});

	test('payment amount given in fen is sent in yuan', () => {
		expect(tencentTemplateParamSet('payment', { name: '陈经理', order: 'DD-20261127-0001', amount: 128050 })).toEqual([
			'陈经理',
			'DD-20261127-0001',
			'1280.50',
		]);
	});

	test('a missing or an extra parameter is refused, naming them and what the template takes', () => {
		expect(() => smsParams('ready', { name: '陈经理', ticket: 'BX-1' })).toThrow('missing date; the template takes name, ticket, date');
		expect(() => smsParams('reply', { name: '陈经理', complaint: 'TS-1', url: 'x' })).toThrow('not in the template: url');
		expect(() => smsParams('expiry', { name: ' ', contract: 'HT-1', date: '2026-12-31' })).toThrow('missing name');
	});

	test('SMS goes to mainland mobiles only', () => {
		expect(smsMobile('+86 138-1234-5678')).toBe('13812345678');
		expect(() => smsMobile('010-12345678')).toThrow('landline');
		expect(() => smsMobile('12345')).toThrow();
	});
});
