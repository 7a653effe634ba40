/**
 * Signed document links on the real n8n (issue 17 item 2, RECORDS.md *Webhooks*): a document opens
 * without the header from its signed address (`…/documents/voucher/<exp>.<sig>`); a changed,
 * expired or other document's link gets 403, as does a link signed with another secret; the
 * document's own address still needs the key. The links are signed here as the installation
 * does, with the store's own secret read from the e2e store (the rule itself is unit-tested in
 * test/rules/document-link.test.ts); the answer page's link is opened in test/e2e/forms.e2e.ts.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { Store } from '../../nodes/shared/store/store';
import { surveySigner } from '../../nodes/shared/store/secrets';
import { signDocumentLink } from '../../nodes/shared/rules/document-link';
import { KEY_HEADER, postWebhook, state } from './server';

let store: Store;
let ticket = '';
let other = '';
const base = () => `${state().baseUrl}webhook/after-sales/`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function open(path: string, headers: Record<string, string> = {}) {
	const res = await fetch(`${base()}${path}`, { headers });
	return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function linkFor(path: string, expiresAt = inDays(30)) {
	return signDocumentLink(path, expiresAt, await surveySigner(store.db)).token;
}

beforeAll(async () => {
	store = await Store.open({ backend: 'sqlite', file: join(state().userFolder, '.n8n', 'after-sales.sqlite') });
	const stamp = Date.now().toString().slice(-4);
	for (const n of [1, 2]) {
		const res = await postWebhook('repairs', {
			customerName: `签名链接客户${n}`,
			phone: `1371111${stamp.slice(0, 3)}${n}`,
			address: '上海市徐汇区漕溪路 88 号',
			siteSituation: '门禁失灵',
		});
		expect([res.status, res.text]).toEqual([201, res.text]);
		if (n === 1) ticket = String(res.json.ticketNumber);
		else other = String(res.json.ticketNumber);
	}
});
afterAll(() => store?.close());

test('the voucher opens from its signed address without the key, in Chinese and with ?lang=en', async () => {
	const path = `repairs/${ticket}/documents/voucher`;
	const token = await linkFor(path);
	const zh = await open(`${path}/${token}`);
	expect([zh.status, zh.type]).toEqual([200, 'text/html; charset=utf-8']);
	expect(zh.text).toContain(ticket);
	expect(zh.text).toContain('服务凭证');
	const en = await open(`${path}/${token}?lang=en`);
	expect(en.status).toBe(200);
	expect(en.text).toContain('lang="en"');
	// The repair service form (Form 1.1) has its own link.
	const formPath = `repairs/${ticket}/documents/form`;
	expect((await open(`${formPath}/${await linkFor(formPath)}`)).status).toBe(200);
});

test('a changed signature or expiry, another document’s or ticket’s link, an expired link, another secret: 403 with the reason', async () => {
	const path = `repairs/${ticket}/documents/voucher`;
	const token = await linkFor(path);
	const [exp, sig] = token.split('.');
	const flipped = `${exp}.${sig.slice(0, 5)}${sig[5] === 'A' ? 'B' : 'A'}${sig.slice(6)}`;
	const stretched = `${(parseInt(exp, 36) + 86_400 * 365).toString(36)}.${sig}`;
	const refused = [
		`${path}/${flipped}`,
		`${path}/${stretched}`,
		`repairs/${ticket}/documents/form/${token}`,
		`repairs/${other}/documents/voucher/${token}`,
		`${path}/${await linkFor(path, inDays(-1))}`,
		`${path}/${signDocumentLink(path, inDays(30), (m) => createHmac('sha256', 'another installation').update(m).digest('base64url')).token}`,
		`${path}/not-a-link`,
	];
	for (const p of refused) {
		const r = await open(p);
		expect([p, r.status]).toEqual([p, 403]);
		expect(JSON.parse(r.text)).toEqual({ error: expect.stringMatching(/^链接/) });
		expect(r.text).not.toContain('门禁失灵');
	}
	expect(JSON.parse((await open(`${path}/${await linkFor(path, inDays(-1))}`)).text).error).toMatch(
		/^链接已过期 This document link expired on \d{4}-\d{2}-\d{2}/,
	);
});

test('every kind of document has a signed address that checks its link before anything is read (403 for a bad link, even for an unknown number)', async () => {
	for (const path of [
		`repairs/${ticket}/documents/receipt`,
		'orders/DD-20990101-0001/documents/payment-notice',
		'orders/DD-20990101-0001/documents/processing-sheet.xlsx',
		'invoices/FP-2099-000001/document',
		'contracts/HT-NONE/documents/expiry-notice',
		'complaints/TS-20990101-0001/documents/reply-letter',
	]) {
		const r = await open(`${path}/${await linkFor(`repairs/${other}/documents/voucher`)}`);
		expect([path, r.status]).toEqual([path, 403]);
	}
	// With a valid link an unknown number is then looked up as with the key: 404.
	const invoice = 'invoices/FP-2099-000001/document';
	expect((await open(`${invoice}/${await linkFor(invoice)}`)).status).toBe(404);
});

test('the document’s own address still needs the key: without it refused (401/403 as before), with it 200', async () => {
	const path = `repairs/${ticket}/documents/voucher`;
	expect([401, 403]).toContain((await open(path)).status);
	expect((await open(path, { [KEY_HEADER]: 'not-the-key' })).status).toBe(403);
	expect((await open(path, { [KEY_HEADER]: state().key })).status).toBe(200);
});
