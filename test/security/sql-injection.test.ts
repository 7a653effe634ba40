/**
 * SQL injection through every text field (issue 12, item 5), on every backend: the register
 * imports (customers, installations, contracts, technicians, tile models), the repair intake, the
 * visit and the take-back steps (repair work, inspection, return), invoices (payment note, void
 * reason), tile orders (order, payment reason, cancel reason), survey comments, complaints and
 * their replies, and a register search (LIKE). Each value goes through the same rule and store
 * function the node calls. Afterwards each value is in the store verbatim (some cell equals it),
 * the search finds exactly its own record, every table is still there, and the row counts are
 * what was written.
 *
 * New registers or steps (contracts' renewals, work reports, order invoices …): add a step to
 * `writeEverything` (a value from `v(field)`) and its table to EXPECTED_PER_STRING.
 */
import { backends } from '../harness/backends';
import { ownTables } from '../harness/store-tables';
import { Store, type Trx } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { REGISTERS } from '../../nodes/AfterSalesRegister/actions/registers';
import { upsertRecord } from '../../nodes/AfterSalesRegister/actions/common/record-operations';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { DEFAULT_RESPONSE_HOURS } from '../../nodes/shared/rules/numbering';
import { assignTechnician } from '../../nodes/shared/store/registers/tickets';
import { cleanRepairWork, cleanReturn, cleanVisit } from '../../nodes/shared/rules/ticket-steps';
import { closeTicket, inspectRepair, recordRepairWork, recordVisit, returnProduct } from '../../nodes/shared/services/ticket-steps';
import { issueInvoice } from '../../nodes/shared/services/invoicing';
import { DEFAULT_FEE_RATES } from '../../nodes/shared/rules/fees';
import { cleanPayment as cleanInvoicePayment } from '../../nodes/shared/rules/invoice';
import { addPayment, voidInvoice } from '../../nodes/shared/store/registers/invoices';
import { cleanOrderInput, cleanPayment as cleanOrderPayment } from '../../nodes/shared/rules/tile-order-inputs';
import { cancelOrder, createOrder, recordPayment as recordOrderPayment } from '../../nodes/shared/services/tile-orders';
import { answerSurvey, createSurvey } from '../../nodes/shared/services/follow-up';
import { replyToComplaint } from '../../nodes/shared/services/complaints';

/** NUL-free injection strings: quotes of both kinds, comments, stacked statements, unicode quotes, LIKE wildcards, PostgreSQL dollar quotes. */
export const INJECTIONS = [
	"'; drop table customers; --",
	'" or 1=1 --',
	"\\'); drop table tickets; --",
	"Robert'); DROP TABLE tickets;--",
	'‘’“”＇＂ or ‛1‛=‛1 ；DROP TABLE installations',
	'1; DELETE FROM technicians WHERE 1=1; --',
	"$$; drop table invoices; $$ or '$$'='$$'",
	"%_\\%' escape '' or 'a' like '%",
];

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z';
const TODAY = '2026-11-27';
const ctx = { actor: 'security-test', now: NOW, today: TODAY };
const LEVELS = { attitude: 4, skill: 3, arrival: 2, promises: 1 };

/** Rows each injection string adds, by table (the tables the steps write one row into per string). */
const EXPECTED_PER_STRING: Record<string, number> = {
	customers: 4, // the import, two repair reports, the tile order
	installations: 1,
	contracts: 1,
	technicians: 1,
	tileModels: 1,
	tickets: 2,
	invoices: 1,
	surveys: 1,
	complaints: 1,
	tileOrders: 1,
};

/**
 * Writes one of everything with `s` in every text field; returns every value written (tagged
 * with its field) so that the store can be searched for each, verbatim.
 */
async function writeEverything(store: Store, s: string, k: number): Promise<string[]> {
	const written: string[] = [];
	/** `s` tagged with the field, cut to the field's limit (keeping the tag). */
	const v = (field: string, max = 200) => {
		const tag = `|${field}#${k}`;
		const value = `${s.slice(0, max - tag.length)}${tag}`;
		written.push(value);
		return value;
	};
	const phone = (n: number) => `139${String(k).padStart(4, '0')}${String(n).padStart(4, '0')}`;
	const upsert = async (register: keyof typeof REGISTERS, input: Record<string, unknown>) =>
		await upsertRecord(store, REGISTERS[register], input, ZONE);

	// Registers, as Import Rows stores each row.
	const code = v('code', 40);
	await upsert('customer', {
		code,
		name: v('name'),
		contactPerson: v('contactPerson', 100),
		phone: phone(1),
		address: v('address', 500),
		notes: v('notes', 2000),
	});
	await upsert('installation', {
		serialNo: v('serialNo', 100),
		customerCode: code,
		description: v('description', 500),
		completedOn: '2026-01-01',
		warrantyUntil: '2028-01-01',
	});
	await upsert('contract', {
		contractNo: v('contractNo', 60),
		customerCode: code,
		kind: 'annual',
		startsOn: '2026-01-01',
		endsOn: '2026-12-31',
		feeYuan: 100,
	});
	const tech = await upsert('technician', {
		name: v('technicianName', 100),
		phone: phone(2),
		skills: s.replace(/[,，、;；]/g, ' '),
		areas: s.replace(/[,，、;；]/g, ' '),
		dailyCapacity: 50,
	});
	const modelCode = v('modelCode', 60);
	await upsert('tileModel', {
		modelCode,
		name: v('modelName'),
		widthMm: 600,
		heightMm: 600,
		piecesPerBox: 4,
		boxWeightKg: 26,
		pricePerBoxYuan: 100,
		boxesOnHand: 100,
	});

	// A repair solved on site: intake, visit with parts, invoice, payment, void, close, survey, complaint, reply.
	const report = (name: string, p: string) =>
		cleanRepairReport(
			{
				customerName: v(name),
				contactPerson: v(`${name}.contact`, 100),
				phone: p,
				address: v(`${name}.address`, 500),
				siteSituation: v(`${name}.situation`, 4000),
				skill: v(`${name}.skill`, 60),
				idempotencyKey: v(`${name}.key`, 200),
			},
			ZONE,
			NOW,
		);
	const solved = (await registerTicket(store, report('repair1', phone(3)), { responseHours: DEFAULT_RESPONSE_HOURS, ...ctx })).ticket;
	await store.transaction(async (trx) => {
		await assignTechnician(trx, solved.id, tech.id as number, null, TODAY, ctx.actor, NOW);
		await recordVisit(
			trx,
			solved.ticketNumber,
			cleanVisit(
				{
					outcome: 'solved',
					solution: v('solution', 2000),
					customerSignature: v('signature', 100),
					minutes: 30,
					parts: [{ part: v('part', 100), quantity: 1, unitPriceYuan: 5 }],
				},
				ZONE,
				NOW,
			),
			ctx,
		);
	});
	const { invoice } = await issueInvoice(store, { kind: 'ticket', ticketNumber: solved.ticketNumber }, DEFAULT_FEE_RATES, ctx);
	const p = cleanInvoicePayment({ amountYuan: 1, method: 'cash', note: v('paymentNote', 500) }, ZONE, NOW);
	await store.transaction((trx) =>
		addPayment(
			trx,
			invoice.invoiceNumber,
			{ amountFen: p.amountFen, method: p.method, paidAt: p.paidAt, paidOn: TODAY, recordedBy: ctx.actor, note: p.note },
			NOW,
		),
	);
	await store.transaction((trx) => voidInvoice(trx, invoice.invoiceNumber, v('voidReason', 500), ctx.actor, NOW));
	await store.transaction((trx) => closeTicket(trx, solved.ticketNumber, ctx));
	const { survey } = await createSurvey(store, solved.ticketNumber, { now: NOW, zone: ZONE, actor: ctx.actor });
	const answered = await answerSurvey(
		store,
		{ surveyNumber: survey.surveyNumber },
		{ ...LEVELS, comments: v('comments', 2000), complaint: { severity: 'general', text: v('complaint', 2000) } },
		{ now: NOW, zone: ZONE, actor: ctx.actor },
	);
	await replyToComplaint(
		store,
		answered.complaint!.complaintNumber,
		{ method: 'letter', text: v('reply', 4000) },
		{ now: NOW, zone: ZONE, actor: ctx.actor },
	);

	// A repair taken back: product, accessories, repair work, inspection, return.
	const taken = (await registerTicket(store, report('repair2', phone(4)), { responseHours: DEFAULT_RESPONSE_HOURS, ...ctx })).ticket;
	await store.transaction(async (trx: Trx) => {
		await assignTechnician(trx, taken.id, tech.id as number, null, TODAY, ctx.actor, NOW);
		await recordVisit(
			trx,
			taken.ticketNumber,
			cleanVisit(
				{
					outcome: 'taken-back',
					product: v('product', 200),
					serialNo: v('takenSerial', 100),
					accessories: v('accessories', 500),
					customerSignature: v('signature2', 100),
					minutes: 20,
				},
				ZONE,
				NOW,
			),
			ctx,
		);
		await recordRepairWork(
			trx,
			taken.ticketNumber,
			cleanRepairWork({ minutes: 60, description: v('workDone', 2000), parts: [{ part: v('part2', 100), quantity: 2, unitPriceYuan: 3 }] }),
			ctx,
		);
		await inspectRepair(trx, taken.ticketNumber, v('inspectedBy', 100), ctx);
		await returnProduct(trx, taken.ticketNumber, cleanReturn({ customerSignature: v('returnSignature', 100) }, ZONE, TODAY), ctx);
	});

	// A tile order: the order, a payment with its reason, the cancellation's reason.
	const order = await createOrder(
		store,
		cleanOrderInput({
			customerName: v('orderCustomer'),
			phone: phone(5),
			address: v('orderAddress', 500),
			contactPerson: v('orderContact', 100),
			depositYuan: 0,
			lines: [{ modelCode, areaM2: 1 }],
			notes: v('orderNotes', 2000),
			idempotencyKey: v('orderKey', 200),
		}),
		ctx,
	);
	const orderNumber = (order as unknown as { order: { orderNumber: string } }).order.orderNumber;
	await store.transaction((trx) =>
		recordOrderPayment(trx, orderNumber, cleanOrderPayment({ amountYuan: 1, method: 'cash', reason: v('orderPaymentReason', 200) }), ctx),
	);
	await store.transaction((trx) => cancelOrder(trx, orderNumber, v('cancelReason', 500), ctx));
	return written;
}

/** Every table with its rows. */
async function dump(store: Store, config: StoreConfig): Promise<Map<string, Array<Record<string, unknown>>>> {
	const tables = (await ownTables(store, config)).filter((n) => !/^kysely_/.test(n));
	return await store.transaction(async (trx) => {
		const out = new Map<string, Array<Record<string, unknown>>>();
		for (const t of tables)
			out.set(
				t,
				(await trx
					.selectFrom(t as never)
					.selectAll()
					.execute()) as Array<Record<string, unknown>>,
			);
		return out;
	});
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

for (const backend of backends()) {
	describe(`SQL injection on ${backend.name}`, () => {
		let config: StoreConfig;
		let store: Store;
		beforeAll(async () => {
			config = backend.fresh();
			store = await Store.open(config);
		});
		afterAll(async () => {
			await store.close();
			await backend.cleanup();
		});

		test('every text field of every register, repair, step, invoice, order, survey and complaint keeps the text verbatim; no table lost, the row counts exact', async () => {
			const before = await dump(store, config);
			const written: string[] = [];
			for (const [k, s] of INJECTIONS.entries()) written.push(...(await writeEverything(store, s, k)));
			const after = await dump(store, config);

			// Every table is still there (and nothing new appeared).
			expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
			// The rows written, exactly.
			for (const [table, perString] of Object.entries(EXPECTED_PER_STRING)) {
				const name = [...after.keys()].find((t) => camel(t) === table || t === table);
				expect({ table, rows: name ? after.get(name)!.length - before.get(name)!.length : 'missing' }).toEqual({
					table,
					rows: perString * INJECTIONS.length,
				});
			}
			// Each value verbatim in some cell.
			const cells = new Set<string>();
			for (const rows of after.values()) for (const row of rows) for (const cell of Object.values(row)) if (typeof cell === 'string') cells.add(cell);
			const json = [...cells].filter((c) => c.startsWith('{') || c.startsWith('['));
			const missing = written.filter((w) => !cells.has(w) && !json.some((c) => c.includes(JSON.stringify(w).slice(1, -1))));
			expect(missing).toEqual([]);
			expect(written.length).toBeGreaterThan(40 * INJECTIONS.length);
		});

		test('a search (LIKE) with injection text finds its own record only', async () => {
			for (const [k, s] of INJECTIONS.entries()) {
				const name = `${s.slice(0, 200 - `|name#${k}`.length)}|name#${k}`;
				const found = await store.transaction((trx) => REGISTERS.customer.list(trx, { search: name }, undefined, ZONE));
				expect(found.map((c) => c.name)).toEqual([name]);
			}
			const all = await store.transaction((trx) => REGISTERS.customer.list(trx, { search: "' or 1=1 --" }, undefined, ZONE));
			expect(all).toEqual([]);
		});
	});
}
