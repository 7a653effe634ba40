import fc from 'fast-check';
import { letterheadFrom, renderLetterhead, type Letterhead } from '../../nodes/shared/documents/letterhead';
import { renderProductReceipt } from '../../nodes/shared/documents/product-receipt';
import { renderRepairCard } from '../../nodes/shared/documents/repair-card';
import { renderRepairServiceForm } from '../../nodes/shared/documents/repair-service-form';
import { renderServiceVoucher } from '../../nodes/shared/documents/service-voucher';
import { bodyOf, evil, expectEscaped, expectFullDocument, expectNoLeaks, SCRIPT } from './helpers';

const COMPANY: Letterhead = { name: '上海安达机电设备服务有限公司', address: '上海市徐汇区漕溪路 88 号 3 楼', phone: '021-6488 1234' };

type Lang = 'zh-CN' | 'en';
type Render = (lang: Lang, letterhead?: Letterhead) => string;

/** Each printable page with a small ticket; the title that heads it in Chinese and English. */
const DOCUMENTS: Array<[document: string, render: Render, titleZh: string, titleEn: string]> = [
	[
		'service voucher',
		(lang, letterhead) =>
			renderServiceVoucher(
				{
					voucherNumber: 'PZ-20261127-0007',
					ticketNumber: 'BX-20261127-0007',
					customerName: '杭州某某科技有限公司',
					phone: '0571-8888 6666',
					address: '杭州市西湖区文三路 100 号',
					siteSituation: '监控主机无法开机',
					category: 'B',
				},
				lang,
				letterhead,
			),
		'服务凭证',
		'Service Voucher',
	],
	[
		'repair service form',
		(lang, letterhead) =>
			renderRepairServiceForm(
				{
					ticketNumber: 'BX-20261127-0007',
					voucherNumber: 'PZ-20261127-0007',
					customerName: '杭州某某科技有限公司',
					phone: '0571-8888 6666',
					address: '杭州市西湖区文三路 100 号',
					reportedAt: '2026-11-27 09:30',
					customerType: 'annual-contract',
					category: 'B',
					serviceContent: '监控主机无法开机',
				},
				lang,
				letterhead,
			),
		'客户报修服务单',
		'Customer Repair Service Form',
	],
	[
		'product receipt',
		(lang, letterhead) =>
			renderProductReceipt(
				{
					receiptNumber: 'SJ-20261127-0003',
					ticketNumber: 'BX-20261127-0007',
					customerName: '杭州某某科技有限公司',
					productDescription: '海康 DS-7808 硬盘录像机',
					takenBackAt: '2026-11-27',
					technicianName: '李工',
				},
				lang,
				letterhead,
			),
		'客户商品领取收据',
		'Customer Product Receipt',
	],
	[
		'repair card',
		(lang, letterhead) =>
			renderRepairCard(
				{
					cardNumber: 'XK-20261127-0002',
					ticketNumber: 'BX-20261127-0007',
					productDescription: '海康 DS-7808 硬盘录像机',
					fault: '无法开机，电源指示灯不亮',
				},
				lang,
				letterhead,
			),
		'修护卡',
		'Repair Card',
	],
];

const LETTERHEAD_BLOCK = /<header class="letterhead">([\s\S]*?)<\/header>/g;

/** The letterhead blocks of a page's body (their inner markup). */
const letterheadsOf = (out: string): string[] => [...bodyOf(out).matchAll(LETTERHEAD_BLOCK)].map((m) => m[1]);

/** Reverses the escaping of & < > " ', to compare printed text with what was given. */
const unescape = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

describe('letterheadFrom: the After-Sales Store credential fields', () => {
	test('reads companyName, companyAddress and companyPhone, trimmed, and nothing else of the credential', () => {
		expect(
			letterheadFrom({
				backend: 'postgres',
				host: 'db.internal',
				password: 'not-printed',
				companyName: '  上海安达机电设备服务有限公司 ',
				companyAddress: '\t上海市徐汇区漕溪路 88 号\n',
				companyPhone: ' 021-6488 1234 ',
			}),
		).toStrictEqual({ name: '上海安达机电设备服务有限公司', address: '上海市徐汇区漕溪路 88 号', phone: '021-6488 1234' });
	});

	test('a name alone makes a letterhead; empty address and phone are left out', () => {
		expect(letterheadFrom({ companyName: 'Anda Service', companyAddress: '   ', companyPhone: '' })).toStrictEqual({ name: 'Anda Service' });
		expect(letterheadFrom({ companyName: 'Anda Service', companyPhone: '021-6488 1234' })).toStrictEqual({
			name: 'Anda Service',
			phone: '021-6488 1234',
		});
	});

	test.each<[string, Record<string, unknown> | undefined]>([
		['no credential data', undefined],
		['no company fields', { backend: 'sqlite', file: '' }],
		['an empty name', { companyName: '', companyAddress: '上海', companyPhone: '021-6488 1234' }],
		['a blank name', { companyName: ' \t\n', companyAddress: '上海' }],
		['a name that is not text', { companyName: null, companyAddress: '上海' }],
	])('no letterhead with %s', (_case, data) => {
		expect(letterheadFrom(data)).toBeUndefined();
	});
});

describe('renderLetterhead', () => {
	test('name first, then address and phone with their labels', () => {
		expect(renderLetterhead(COMPANY, 'zh-CN').toString()).toBe(
			'<header class="letterhead"><div class="company-name">上海安达机电设备服务有限公司</div>' +
				'<div class="company-contact"><span class="company-address">地址：上海市徐汇区漕溪路 88 号 3 楼</span>' +
				'<span class="company-phone">电话：021-6488 1234</span></div></header>',
		);
	});

	test('without a letterhead, or with a blank name, nothing at all', () => {
		expect(renderLetterhead(undefined, 'zh-CN').toString()).toBe('');
		expect(renderLetterhead({ name: '  ', address: '上海', phone: '021-6488 1234' }, 'en').toString()).toBe('');
	});

	test('a name alone has no contact line; a missing address or phone leaves out only its part', () => {
		expect(renderLetterhead({ name: 'Anda' }, 'en').toString()).toBe('<header class="letterhead"><div class="company-name">Anda</div></header>');
		const phoneOnly = renderLetterhead({ name: 'Anda', address: null, phone: '021-6488 1234' }, 'en').toString();
		expect(phoneOnly).toContain('<span class="company-phone">Phone: 021-6488 1234</span>');
		expect(phoneOnly).not.toContain('company-address');
		expect(phoneOnly).not.toContain('Address');
		const addressOnly = renderLetterhead({ name: 'Anda', address: '上海', phone: ' ' }, 'zh-CN').toString();
		expect(addressOnly).toContain('<span class="company-address">地址：上海</span>');
		expect(addressOnly).not.toContain('电话');
	});

	test('property: name, address and phone print exactly as given, never as markup', () => {
		const text = fc.oneof(
			fc.string({ unit: 'binary' }),
			fc.constantFrom(SCRIPT, `"&'`, '&amp;', '&lt;b&gt;', '</header><script>x</script>', 'A & B "甲乙" 公司'),
		);
		const named = text.filter((s) => s.trim() !== '');
		fc.assert(
			fc.property(named, text, text, fc.constantFrom<Lang>('zh-CN', 'en'), (name, address, phone, lang) => {
				const out = renderLetterhead({ name, address, phone }, lang).toString();
				const parts = /^<header class="letterhead"><div class="company-name">([^<]*)<\/div>(.*)<\/header>$/s.exec(out);
				expect(parts).not.toBeNull();
				const [, printedName, contact] = parts!;
				expect(printedName).not.toMatch(/[<>"']/);
				expect(unescape(printedName)).toBe(name);
				const [addressLabel, phoneLabel] = lang === 'en' ? ['Address: ', 'Phone: '] : ['地址：', '电话：'];
				const printedAddress = /<span class="company-address">([^<]*)<\/span>/.exec(contact)?.[1];
				const printedPhone = /<span class="company-phone">([^<]*)<\/span>/.exec(contact)?.[1];
				if (address.trim() === '') expect(printedAddress).toBeUndefined();
				else expect(unescape(printedAddress!)).toBe(`${addressLabel}${address}`);
				if (phone.trim() === '') expect(printedPhone).toBeUndefined();
				else expect(unescape(printedPhone!)).toBe(`${phoneLabel}${phone}`);
				// Nothing but the three parts and their markup.
				expect(contact.replace(/<span class="company-(?:address|phone)">[^<]*<\/span>/g, '')).toMatch(/^(?:<div class="company-contact"><\/div>)?$/);
			}),
		);
	});
});

describe.each(DOCUMENTS)('the %s', (_document, render, titleZh, titleEn) => {
	test('heads the page with the company in Chinese: name, 地址, 电话, above the title', () => {
		const out = render('zh-CN', COMPANY);
		expectFullDocument(out, 'zh-CN');
		expectNoLeaks(out);
		const body = bodyOf(out);
		expect(body.trimStart().startsWith('<header class="letterhead">')).toBe(true);
		const blocks = letterheadsOf(out);
		expect(blocks).toHaveLength(1);
		expect(blocks[0]).toContain('<div class="company-name">上海安达机电设备服务有限公司</div>');
		expect(blocks[0]).toContain('地址：上海市徐汇区漕溪路 88 号 3 楼');
		expect(blocks[0]).toContain('电话：021-6488 1234');
		expect(body.indexOf('上海安达机电设备服务有限公司')).toBeLessThan(body.indexOf(`<h1>${titleZh}</h1>`));
	});

	test('in English: Address and Phone', () => {
		const out = render('en', COMPANY);
		expectFullDocument(out, 'en');
		const blocks = letterheadsOf(out);
		expect(blocks).toHaveLength(1);
		expect(blocks[0]).toContain('<div class="company-name">上海安达机电设备服务有限公司</div>');
		expect(blocks[0]).toContain('Address: 上海市徐汇区漕溪路 88 号 3 楼');
		expect(blocks[0]).toContain('Phone: 021-6488 1234');
		expect(blocks[0]).not.toMatch(/地址|电话/);
		expect(bodyOf(out).indexOf('company-name')).toBeLessThan(bodyOf(out).indexOf(`<h1>${titleEn}</h1>`));
	});

	test.each<Lang>(['zh-CN', 'en'])('hostile company text is escaped (%s)', (lang) => {
		const out = render(lang, { name: evil('companyName'), address: evil('companyAddress'), phone: evil('companyPhone') });
		expectFullDocument(out, lang);
		expectEscaped(out, ['companyName', 'companyAddress', 'companyPhone']);
		expect(letterheadsOf(out)).toHaveLength(1);
		const ampersands = render(lang, { name: 'A&B <Service> "Co"', address: "O'Brien St & 5th", phone: '021 & 1' });
		expect(letterheadsOf(ampersands)[0]).toContain('A&amp;B &lt;Service&gt; &quot;Co&quot;');
		expect(letterheadsOf(ampersands)[0]).toContain('O&#39;Brien St &amp; 5th');
		expect(letterheadsOf(ampersands)[0]).toContain('021 &amp; 1');
	});

	test.each<Lang>(['zh-CN', 'en'])('without a letterhead no block is printed, and the page is otherwise the same (%s)', (lang) => {
		const without = render(lang);
		expect(bodyOf(without)).not.toContain('letterhead');
		expect(bodyOf(without).trimStart().startsWith('<div class="doc ')).toBe(true);
		expect(render(lang, letterheadFrom({ companyName: '  ', companyAddress: '上海' }))).toBe(without);
		expect(render(lang, { name: '' })).toBe(without);
		// A letterhead adds its block and changes nothing else on the page.
		const withIt = render(lang, COMPANY);
		expect(withIt.replace(/<header class="letterhead">[\s\S]*?<\/header>\n/, '')).toBe(without);
	});
});
