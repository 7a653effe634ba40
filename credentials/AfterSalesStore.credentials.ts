import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { DEFAULT_PG_SCHEMA } from '../nodes/shared/store/config';

/**
 * The after-sales store (售后数据库): where every register, ticket and invoice is kept.
 * SQLite needs nothing set up; PostgreSQL is for teams and n8n queue mode.
 */
// A store, not an API: the "-Api" naming rules do not apply (n8n's own Postgres credential is named likewise).
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed
export class AfterSalesStore implements ICredentialType {
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed
	name = 'afterSalesStore';

	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'After-Sales Store';

	documentationUrl = 'https://github.com/after-sales-n8n/n8n-nodes-after-sales#the-after-sales-store-credential';

	icon = { light: 'file:afterSalesStore.svg', dark: 'file:afterSalesStore.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Backend',
			name: 'backend',
			type: 'options',
			options: [
				{ name: 'SQLite File (Nothing to Set Up)', value: 'sqlite' },
				{ name: 'PostgreSQL (Teams, Queue Mode)', value: 'postgres' },
			],
			default: 'sqlite',
		},
		{
			displayName: 'SQLite File',
			name: 'file',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/after-sales.sqlite',
			description: 'Path of the store file. Empty: after-sales.sqlite in the n8n user folder.',
			displayOptions: { show: { backend: ['sqlite'] } },
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'boolean',
			default: false,
			displayOptions: { show: { backend: ['postgres'] } },
		},
		{
			displayName: 'Reject Unauthorized Certificates',
			name: 'sslRejectUnauthorized',
			type: 'boolean',
			default: true,
			displayOptions: { show: { backend: ['postgres'], ssl: [true] } },
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: DEFAULT_PG_SCHEMA,
			description: 'PostgreSQL schema for the store tables; created on first use',
			displayOptions: { show: { backend: ['postgres'] } },
		},
		// The service company (信头): not part of the connection, shown for both backends.
		{
			displayName: 'Company Name (公司名称)',
			name: 'companyName',
			type: 'string',
			default: '',
			placeholder: '上海安达机电设备服务有限公司',
			description:
				'The service company, printed as the letterhead of every document (service voucher, repair service form, product receipt, repair card). Empty: no letterhead.',
		},
		{
			displayName: 'Company Address (公司地址)',
			name: 'companyAddress',
			type: 'string',
			default: '',
			description: 'Printed under the company name in the letterhead of every document',
		},
		{
			displayName: 'Company Phone (公司电话)',
			name: 'companyPhone',
			type: 'string',
			default: '',
			description: 'Printed under the company name in the letterhead of every document',
		},
	];
}
