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
	'after-sales/complaint': 'desk',
	'after-sales/repair-steps': 'manager',
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
			button: /^提交/.test(String(f.parameters.options.buttonLabel)),
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
		['地址', 'address', true],
		['现场情况', 'siteSituation', true],
		['技能', 'skill', false],
		['序列号', 'serialNo', false],
		['合同编号', 'contractNo', false],
	];
	expect(fields.map((f) => [f.fieldLabel.split(' ')[0], f.fieldName, f.requiredField === true])).toEqual(expected);
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
		['工单号', 'ticketNumber', true],
		['步骤', 'step', true, ['修护记录', '验讫', '归还', '注销']],
	]);
	expect(steps.slice(2).every((f) => f[2] === false)).toBe(true);
});
