import fc from 'fast-check';
import {
	checkbox,
	checkboxes,
	escapeHtml,
	fillIn,
	markup,
	isBlank,
	joinHtml,
	metaTable,
	page,
	resolveLang,
	textBlock,
	trustedHtml,
	yesNo,
} from '../../nodes/shared/documents/html';
import { categoryLabel, labelsFor, withColon } from '../../nodes/shared/documents/labels';
import { EVIL, EVIL_ESCAPED, expectFullDocument, QUOTES, SCRIPT } from './helpers';

/** Reverses escapeHtml, to prove it loses nothing. */
const unescape = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

describe('escapeHtml', () => {
	test.each<[unknown, string]>([
		['&', '&amp;'],
		['<', '&lt;'],
		['>', '&gt;'],
		['"', '&quot;'],
		["'", '&#39;'],
		[SCRIPT, '&lt;script&gt;alert(1)&lt;/script&gt;'],
		[QUOTES, '&quot;&amp;&#39;'],
		['&amp;', '&amp;amp;'],
		['客户名称 A&B', '客户名称 A&amp;B'],
		[null, ''],
		[undefined, ''],
		['', ''],
		[0, '0'],
		[12.5, '12.5'],
		[false, 'false'],
	])('%p → %p', (input, expected) => {
		expect(escapeHtml(input)).toBe(expected);
	});

	test('never leaves a special character, and loses nothing', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				const out = escapeHtml(s);
				expect(out).not.toMatch(/[<>"']/);
				expect(out.replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
				expect(unescape(out)).toBe(s);
			}),
		);
	});
});

describe('markup tag', () => {
	test('escapes interpolated values and keeps the literal markup', () => {
		expect(String(markup`<td title="${EVIL}">${EVIL}</td>`)).toBe(`<td title="${EVIL_ESCAPED}">${EVIL_ESCAPED}</td>`);
	});

	test('keeps nested fragments and arrays of fragments, escaping plain items', () => {
		const items = ['a<b', 'c&d'].map((x) => markup`<li>${x}</li>`);
		expect(String(markup`<ul>${items}${[SCRIPT]}</ul>`)).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li>&lt;script&gt;alert(1)&lt;/script&gt;</ul>');
	});

	test('prints nothing for null, undefined and false (conditional parts), numbers as text', () => {
		expect(String(markup`[${null}${undefined}${false}${0}${1.5}]`)).toBe('[01.5]');
	});

	test('a plain string that looks like markup is still escaped; only trustedHtml is kept as is', () => {
		expect(String(markup`${'<b>x</b>'}`)).toBe('&lt;b&gt;x&lt;/b&gt;');
		expect(String(markup`${trustedHtml('<b>x</b>')}`)).toBe('<b>x</b>');
	});

	test('joinHtml escapes a plain separator and items', () => {
		expect(String(joinHtml(['<', markup`<i>`], '&'))).toBe('&lt;&amp;<i>');
		expect(String(joinHtml(['a', 'b'], trustedHtml('<br>')))).toBe('a<br>b');
	});
});

describe('form helpers', () => {
	test('isBlank', () => {
		expect([null, undefined, '', '  \n'].every(isBlank)).toBe(true);
		expect([0, 'x', false].some(isBlank)).toBe(false);
	});

	test('fillIn prints the value escaped, or an empty line to write on', () => {
		expect(String(fillIn(EVIL))).toBe(`<span class="value">${EVIL_ESCAPED}</span>`);
		expect(String(fillIn(null))).toBe('<span class="blank blank-medium"></span>');
		expect(String(fillIn('  ', 'long'))).toBe('<span class="blank blank-long"></span>');
	});

	test('textBlock keeps line breaks (pre-wrap) or prints ruled empty lines', () => {
		expect(String(textBlock(`a\n${EVIL}`))).toBe(`<div class="text">a\n${EVIL_ESCAPED}</div>`);
		expect(String(textBlock(undefined, 3)).match(/class="line"/g)).toHaveLength(3);
		expect(String(textBlock('', 0)).match(/class="line"/g)).toHaveLength(1);
	});

	test('check boxes: ☑ for the chosen, ☐ for the others; labels escaped', () => {
		expect(String(checkbox(true, 'A'))).toContain('☑ A');
		expect(String(checkbox(false, EVIL))).toContain(`☐ ${EVIL_ESCAPED}`);
		const opts = [
			{ value: 1, label: 'one' },
			{ value: 2, label: 'two' },
			{ value: 3, label: 'three' },
		];
		const one = String(checkboxes(opts, 2));
		expect(one).toContain('☐ one');
		expect(one).toContain('☑ two');
		expect(one).toContain('☐ three');
		const many = String(checkboxes(opts, [1, 3]));
		expect(many).toContain('☑ one');
		expect(many).toContain('☐ two');
		expect(many).toContain('☑ three');
		expect(String(checkboxes(opts, null))).not.toContain('☑');
	});

	test('yesNo is tri-state', () => {
		expect(String(yesNo(true, '是', '否'))).toMatch(/☑ 是.*☐ 否/);
		expect(String(yesNo(false, '是', '否'))).toMatch(/☐ 是.*☑ 否/);
		expect(String(yesNo(null, '是', '否'))).not.toContain('☑');
	});

	test('metaTable: two pairs a row, colon by language, blanks as lines', () => {
		const out = String(
			metaTable(
				[
					['报修单号', 'BX-1'],
					['到期', null],
					['类别', EVIL],
				],
				'zh-CN',
			),
		);
		expect(out.match(/<tr>/g)).toHaveLength(2);
		expect(out).toContain('报修单号：');
		expect(out).toContain('class="blank');
		expect(out).toContain(EVIL_ESCAPED);
		expect(String(metaTable([['Ticket No.', 'BX-1']], 'en'))).toContain('Ticket No.:');
	});
});

describe('page', () => {
	test('a complete standalone HTML5 document, zh-CN', () => {
		const out = page({ title: '服务凭证', lang: 'zh-CN', body: markup`<p>正文</p>` });
		expectFullDocument(out, 'zh-CN');
		expect(out).toContain('<title>服务凭证</title>');
		expect(out).toContain('<p>正文</p>');
		expect(out).toContain('"PingFang SC"');
		expect(out).toContain('"Microsoft YaHei"');
	});

	test('English, and the title escaped', () => {
		const out = page({ title: EVIL, lang: 'en', body: markup`` });
		expectFullDocument(out, 'en');
		expect(out).toContain(`<title>${EVIL_ESCAPED}</title>`);
		expect(out).not.toContain(SCRIPT);
	});

	test('a plain string body (not built with markup``) is escaped, not trusted', () => {
		const out = page({ title: 't', lang: 'zh-CN', body: SCRIPT as never });
		expect(out).not.toContain(SCRIPT);
		expect(out).toContain('&lt;script&gt;');
	});

	test('an unexpected language falls back to zh-CN', () => {
		expect(page({ title: 't', lang: 'fr' as never, body: markup`` })).toContain('<html lang="zh-CN">');
		expect(resolveLang('en-US')).toBe('en');
		expect(resolveLang(undefined)).toBe('zh-CN');
		expect(resolveLang('eng')).toBe('zh-CN');
	});
});

describe('labels', () => {
	test('both languages have the same keys, all non-empty', () => {
		const zh = labelsFor('zh-CN');
		const en = labelsFor('en');
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
		for (const value of [...Object.values(zh), ...Object.values(en)]) expect(value.trim()).not.toBe('');
	});

	test('zh-CN is the default', () => {
		expect(labelsFor()).toBe(labelsFor('zh-CN'));
		expect(labelsFor().repairServiceForm).toBe('客户报修服务单');
		expect(labelsFor('en').repairServiceForm).toBe('Customer Repair Service Form');
	});

	test('category labels and colons', () => {
		expect(categoryLabel('A')).toBe('A 有费服务');
		expect(categoryLabel('B')).toBe('B 合同服务');
		expect(categoryLabel('C')).toBe('C 免费服务');
		expect(categoryLabel('D')).toBe('D 一般行政工作');
		expect(categoryLabel('C', 'en')).toBe('C Free service');
		expect(categoryLabel('Z' as never)).toBe('Z');
		expect(withColon('备注', 'zh-CN')).toBe('备注：');
		expect(withColon('Remarks', 'en')).toBe('Remarks: ');
	});
});
