/**
 * Every staff screen (RECORDS.md, *Staff screens*) is an n8n Form Trigger behind n8n's Basic Auth
 * with one role's login, at /form/after-sales/<screen>, with n8n's attribution footer off; and the
 * repair report asks for the fields RECORDS.md fixes, labels beginning with their Chinese word.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKFLOWS = join(__dirname, '../../workflows');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require('../../scripts/n8n-runtime') as { CREDENTIALS: Record<string, { id: string; name: string; type: string }> };

interface Node {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, any>;
	credentials?: Record<string, { id: string; name: string }>;
}
const forms = readdirSync(WORKFLOWS)
	.filter((f) => f.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { nodes: Node[] }).nodes
			.filter((n) => n.type === 'n8n-nodes-base.formTrigger')
			.map((n) => ({ file, ...n })),
	);
const ROLE_SCREENS: Record<string, string> = {
	'after-sales/repair-report': 'desk',
	'after-sales/visit-result': 'technician',
	'after-sales/dispatch': 'manager',
	'after-sales/tile-order': 'desk',
	'after-sales/payment': 'accountant',
	// Not `work-log`: n8n keeps form and webhook paths in one register, and POST work-log is the webhook's.
	'after-sales/work-log-form': 'technician',
	'after-sales/complaint': 'desk',
	'after-sales/repair-steps': 'manager',
	'after-sales/complaint-severity': 'manager',
	'after-sales/follow-up-call': 'desk',
};

test('each staff screen: Form Trigger ≥ 2.2, path in options.path, Basic Auth with its role’s login, no attribution', () => {
	expect(forms.map((f) => f.parameters.options?.path).sort()).toEqual(Object.keys(ROLE_SCREENS).sort());
	for (const f of forms) {
		const role = ROLE_SCREENS[f.parameters.options.path];
		const login = runtime.CREDENTIALS[`${role}Login`];
		expect({
			path: f.parameters.options.path,
			version: f.typeVersion >= 2.2,
			auth: f.parameters.authentication,
			credential: f.credentials?.httpBasicAuth,
			attribution: f.parameters.options.appendAttribution,
			button: /^(提交|下一步)/.test(String(f.parameters.options.buttonLabel)),
		}).toEqual({
			path: f.parameters.options.path,
			version: true,
			auth: 'basicAuth',
			credential: { id: login.id, name: login.name },
			attribution: false,
			button: true,
		});
	}
});

test('the repair report asks for RECORDS.md’s fields, in order, labels beginning with the Chinese word; the optional ones are optional', () => {
	const form = forms.find((f) => f.parameters.options.path === 'after-sales/repair-report')!;
	const fields = form.parameters.formFields.values as Array<{ fieldName: string; fieldLabel: string; requiredField?: boolean }>;
	const expected: Array<[string, string, boolean]> = [
		['客户名称', 'customerName', true],
		['联系人', 'contactPerson', true],
		['电话', 'phone', true],
		// Issue 19 item 6: the customer's email, optional; it decides the channel (email, else SMS to the mobile).
		['邮箱', 'email', false],
		['地址', 'address', true],
		['现场情况', 'siteSituation', true],
		['技能', 'skill', false],
		['序列号', 'serialNo', false],
		['合同编号', 'contractNo', false],
	];
	expect(fields.map((f) => [f.fieldLabel.split(' ')[0], f.fieldName, f.requiredField === true])).toEqual(expected);
});

test('the visit result asks for RECORDS.md’s fields first, in order; the four it needs besides (take-back, replacement, the unit worked on, the technician’s phone for the list of tickets) come last and are optional', () => {
	const form = forms.find((f) => f.parameters.options.path === 'after-sales/visit-result')!;
	const fields = form.parameters.formFields.values as Array<{
		fieldName: string;
		fieldLabel: string;
		requiredField?: boolean;
		fieldType?: string;
		fieldOptions?: { values: Array<{ option: string }> };
		multipleFiles?: boolean;
		acceptFileTypes?: string;
	}>;
	expect(fields.map((f) => [f.fieldLabel.split(' ')[0], f.fieldName, f.requiredField === true])).toEqual([
		// Issue 17: left empty, the ticket is picked on the next page from the tickets dispatched (see the test at the end).
		['工单号', 'ticketNumber', false],
		['处理结果', 'outcome', true],
		['处理方案', 'solution', true],
		['用时', 'minutes', true],
		['配件', 'parts', false],
		['客户签字', 'customerSignature', true],
		['现场收费', 'collectedYuan', false],
		['照片', 'photos', false],
		['备注', 'remarks', false],
		['带回商品', 'product', false],
		['新序列号', 'newSerialNo', false],
		['序列号', 'serialNo', false],
		['技术员电话', 'technicianPhone', false],
	]);
	expect(fields[1].fieldOptions!.values.map((o) => o.option)).toEqual(['已解决', '携回修护', '更换设备', '其它']);
	expect(fields[7]).toMatchObject({ fieldType: 'file', multipleFiles: true, acceptFileTypes: '.jpg,.jpeg,.png' });
});

test.each([
	[
		'after-sales/tile-order',
		[
			['客户名称', 'customerName'],
			['电话', 'phone'],
			['地址', 'address'],
			['定金', 'depositYuan'],
			['是否加工', 'processing'],
		],
	],
	[
		'after-sales/payment',
		[
			['单号', 'number'],
			['金额', 'amountYuan'],
			['付款方式', 'method'],
		],
	],
	[
		'after-sales/work-log-form',
		[
			['电话', 'technicianPhone'],
			['类别', 'kind'],
			['用时', 'minutes'],
			['日期', 'workedOn'],
		],
	],
])('%s asks for RECORDS.md’s fields, in order, labels beginning with the Chinese word', (path, expected) => {
	const form = forms.find((f) => f.parameters.options.path === path)!;
	const fields = form.parameters.formFields.values as Array<{ fieldName: string; fieldLabel: string; requiredField?: boolean }>;
	expect(fields.map((f) => [f.fieldLabel.split(' ')[0], f.fieldName])).toEqual(expected);
	// Only 日期 (the work log's day) may be left empty.
	expect(fields.filter((f) => f.requiredField !== true).map((f) => f.fieldName)).toEqual(path.endsWith('work-log-form') ? ['workedOn'] : []);
});

test('the dropdowns offer the words RECORDS.md and the rules use', () => {
	const options = (path: string, name: string) =>
		(
			forms.find((f) => f.parameters.options.path === path)!.parameters.formFields.values as Array<{
				fieldName: string;
				fieldOptions?: { values: Array<{ option: string }> };
			}>
		)
			.find((f) => f.fieldName === name)!
			.fieldOptions!.values.map((o) => o.option);
	expect(options('after-sales/work-log-form', 'kind')).toEqual(['工作检查', '零件管理', '设备工具维护', '技能培训']);
	expect(options('after-sales/payment', 'method')).toEqual(['现金', '微信', '支付宝', '银行转账', '刷卡']);
	expect(options('after-sales/tile-order', 'processing')).toEqual(['否', '是']);
});

test('the complaint form and the repair steps form ask for RECORDS.md’s fields, labels beginning with the Chinese word', () => {
	const fieldsOf = (path: string) =>
		(
			forms.find((f) => f.parameters.options.path === path)!.parameters.formFields.values as Array<{
				fieldLabel: string;
				fieldName: string;
				requiredField?: boolean;
				fieldType?: string;
				fieldOptions?: { values: Array<{ option: string }> };
			}>
		).map((f) => [
			f.fieldLabel.split(' ')[0],
			f.fieldName,
			f.requiredField === true,
			...(f.fieldType === 'dropdown' ? [f.fieldOptions!.values.map((o) => o.option.split(' ')[0])] : []),
		]);
	expect(fieldsOf('after-sales/complaint')).toEqual([
		['客户名称', 'customerName', true],
		['电话', 'phone', true],
		['内容', 'text', true],
		['性质', 'severity', true, ['一般', '重大']],
		['工单号', 'ticketNumber', false],
		['订单号', 'orderNumber', false],
	]);
	// 工单号 and 步骤 first; then each step's own fields (optional: only the chosen step's are read).
	const steps = fieldsOf('after-sales/repair-steps');
	expect(steps.slice(0, 2)).toEqual([
		['工单号', 'ticketNumber', false],
		['步骤', 'step', true, ['修护记录', '验讫', '归还', '注销']],
	]);
	expect(steps.slice(2).every((f) => f[2] === false)).toBe(true);
	// The periodic follow-up call (回访结果, issue 18): 回访编号, 回访结果 (正常 / 故障 / 联系不上), 客户意见?, 现场情况?
	expect(fieldsOf('after-sales/follow-up-call')).toEqual([
		['回访编号', 'followUpNumber', true],
		['回访结果', 'result', true, ['正常', '故障', '联系不上']],
		['客户意见', 'opinion', false],
		['现场情况', 'siteSituation', false],
	]);
});

test('工单号 left empty (issue 17): the visit, dispatch and repair-steps forms go to a Form page listing the fitting tickets from the register, newest first, capped', () => {
	for (const [file, trigger, statuses] of [
		['visit-result-form.json', 'Visit result form (上门结果表)', '["dispatched"]'],
		['repair-dispatch.json', 'Dispatch form (派工单)', "'派工': ['open'], '改派': ['dispatched'] }[$json.action] ?? ['open', 'dispatched']"],
		['repair-steps-form.json', 'Repair steps form (返修流程表)', "'验讫': ['repaired'], '归还': ['inspected']"],
	]) {
		const wf = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as {
			nodes: Array<Node & { alwaysOutputData?: boolean }>;
			connections: Record<string, { main: Array<Array<{ node: string; index: number }>> }>;
		};
		const node = (name: string) => wf.nodes.find((n) => n.name === name)!;
		const next = (name: string, output = 0) => wf.connections[name].main[output].map((c) => `${c.node}#${c.index}`);
		// The trigger asks whether 工单号 was given: given, the form goes on as before (a ?ticketNumber= link skips the list).
		expect([file, next(trigger)]).toEqual([file, ['Ticket number given? (填了工单号?)#0']]);
		expect(next('Ticket number given? (填了工单号?)', 1).sort()).toEqual([
			'Form and the chosen ticket (表单与所选工单)#0',
			'Open tickets (未完成工单)#0',
		]);
		const list = node('Open tickets (未完成工单)');
		expect(list).toMatchObject({ type: 'n8n-nodes-after-sales.afterSalesRegister', alwaysOutputData: true });
		expect(list.parameters).toMatchObject({ resource: 'ticket', operation: 'getMany', limit: 200, filters: { newestFirst: true } });
		expect(list.parameters.returnAll).toBeUndefined();
		const status = list.parameters.filters.status as unknown;
		expect(typeof status === 'string' ? status : JSON.stringify(status)).toContain(statuses);
		const page = node('Choose the ticket (选择工单)');
		expect(page).toMatchObject({ type: 'n8n-nodes-base.form', parameters: { defineForm: 'json' } });
		expect(page.parameters.jsonOutput).toContain("fieldName: 'ticket', fieldLabel: '工单号 Ticket', fieldType: 'dropdown'");
		expect(next('Choose the ticket (选择工单)')).toEqual(['Form and the chosen ticket (表单与所选工单)#1']);
		// The option's text begins with the number, which is taken back from it.
		expect(node('Ticket number from the list (所选工单号)').parameters.jsonOutput).toContain(
			"ticketNumber: String($json.ticket ?? '').split(' · ')[0].trim()",
		);
		expect(next('Any ticket? (有工单吗?)', 1)).toEqual(['Answer: no ticket to choose (没有工单)#0']);
	}
});
