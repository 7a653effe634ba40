/**
 * A real browser for the staff-screen specs: Debian's Chromium driven by puppeteer-core (registry
 * browser downloads fail on this machine), a throwaway profile, and the helpers a spec needs to use
 * a page as a person would — fill a field by its label, log in as a role, submit and wait for n8n's
 * completion page, keep a screenshot in test/e2e/output/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { state } from './server';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;

export const CHROMIUM = process.env.AFTER_SALES_CHROMIUM ?? '/usr/bin/chromium';
export const OUTPUT = join(__dirname, 'output');

export type Role = 'desk' | 'manager' | 'technician' | 'accountant';

/** A desktop screen and a phone's (390 px wide, as the technician's forms must work on). */
export const DESKTOP = { width: 1280, height: 1000 };
export const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export interface Chromium {
	browser: Browser;
	close(): Promise<void>;
}

/** Launches headless Chromium with its own profile; `close()` ends it and removes the profile. */
export async function launchChromium(): Promise<Chromium> {
	const profile = mkdtempSync(join(tmpdir(), 'after-sales-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			`--user-data-dir=${profile}`,
		],
	});
	return {
		browser,
		async close() {
			await browser.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The address of a staff form: `/form/after-sales/<path>`. */
export const formUrl = (path: string) => `${state().baseUrl}form/after-sales/${path}`;

/** Opens a staff form logged in as `role` (n8n's Basic Auth), at a desktop size unless a viewport is given. */
export async function openForm(browser: Browser, path: string, role: Role, viewport: Parameters<Page['setViewport']>[0] = DESKTOP): Promise<Page> {
	const page = await browser.newPage();
	await page.setViewport(viewport);
	await page.authenticate({ username: role, password: state().passwords[role] });
	const res = await page.goto(path.startsWith('http') ? path : formUrl(path), { waitUntil: 'networkidle0' });
	// 304 when the browser has the page from an earlier visit (n8n sends an ETag).
	if (![200, 304].includes(res?.status() ?? 0)) throw new Error(`${path}: the form answered ${res?.status()}`);
	return page;
}

/** The id of the field whose label begins with `label`, found by its <label for>, as a person reads the form. */
export async function fieldId(page: Page, label: string): Promise<string> {
	const id = await page.evaluate((text: string) => {
		const found = [...document.querySelectorAll('label')].find((l: any) => l.innerText.trim().startsWith(text));
		return found ? found.getAttribute('for') : null;
	}, label);
	if (typeof id !== 'string' || id === '') throw new Error(`no field labelled "${label}…" on the page`);
	return id;
}

/** Types into the field whose label begins with `label`. */
export async function fill(page: Page, label: string, value: string) {
	await page.type(`[id="${await fieldId(page, label)}"]`, value);
}

/** Submits the form and waits for n8n's completion page to show text matching `done`. */
export async function submit(page: Page, done: RegExp) {
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0', timeout: 60_000 }), page.click('button[type="submit"]')]);
	// n8n redirects the form to its waiting page, which shows the completion once the run ends.
	await page.waitForFunction((source: string) => new RegExp(source).test(document.body.innerText), { timeout: 60_000 }, done.source);
}

/** The page's visible text. */
export const pageText = async (page: Page) => (await page.evaluate(() => document.body.innerText)) as string;

/** Keeps a full-page screenshot in test/e2e/output/ and says where. */
export async function shot(page: Page, name: string) {
	mkdirSync(OUTPUT, { recursive: true });
	const file = join(OUTPUT, name);
	await page.screenshot({ path: file, fullPage: true });
	process.stdout.write(`[e2e] screenshot: ${file}\n`);
}

/** Chooses, in the dropdown whose label begins with `label`, the option whose text begins with `option` (else the first that contains it); returns its value. */
export async function choose(page: Page, label: string, option: string): Promise<string> {
	const id = await fieldId(page, label);
	const value = await page.evaluate(
		(selectId: string, text: string) => {
			const options = [...(document.getElementById(selectId)?.options ?? [])];
			const found = options.find((o: any) => o.text.trim().startsWith(text)) ?? options.find((o: any) => o.text.includes(text));
			return found ? found.value : null;
		},
		id,
		option,
	);
	if (typeof value !== 'string') throw new Error(`no option "${option}…" in the dropdown labelled "${label}…"`);
	await page.select(`[id="${id}"]`, value);
	return value;
}

/** The texts of the list items on the page (a refusal's problems), trimmed. */
export const listItems = async (page: Page) =>
	(await page.evaluate(() => [...document.querySelectorAll('li')].map((li: any) => li.innerText.trim()))) as string[];

/** Ticks the checkbox (or radio) whose own label begins with `label`. */
export async function tick(page: Page, label: string) {
	await page.click(`[id="${await fieldId(page, label)}"]`);
}

/** The value of the field whose label begins with `label`, as the page shows it (a prefilled field …). */
export async function valueOf(page: Page, label: string): Promise<string> {
	const id = await fieldId(page, label);
	return (await page.evaluate((fieldIdText: string) => document.getElementById(fieldIdText)?.value ?? '', id)) as string;
}

/** Chooses files for the file field whose label begins with `label`, as a person picks them. */
export async function upload(page: Page, label: string, ...files: string[]) {
	const input = await page.$(`[id="${await fieldId(page, label)}"]`);
	if (!input) throw new Error(`no file field labelled "${label}…" on the page`);
	await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(...files);
}

/** Every field of the page by the first word of its label (电话, 工单号 …) with the value it shows: what a "correct it" link filled in. */
export const formValues = async (page: Page) =>
	(await page.evaluate(() =>
		Object.fromEntries(
			[...document.querySelectorAll('label')].map((l: any) => [
				l.innerText.trim().split(' ')[0],
				document.getElementById(l.getAttribute('for'))?.value ?? null,
			]),
		),
	)) as Record<string, string | null>;
