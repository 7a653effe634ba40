/**
 * Runs workflow JSON through n8n's real execution engine (n8n-core WorkflowExecute) with this
 * package loaded from dist the way n8n loads a community package (PackageDirectoryLoader).
 * Only what lives outside this package is stood in for: credentials come from a map instead
 * of n8n's encrypted database, and n8n's Manual Trigger (from n8n-nodes-base, not installed
 * here) is replaced by a node that emits one empty item, as the real one does when clicked.
 */
import { resolve } from 'node:path';
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IPinData,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

export const PACKAGE_DIR = resolve(__dirname, '../..');

class ManualTriggerStandIn implements INodeType {
	description = {
		displayName: "When clicking 'Execute workflow'",
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.manualTrigger',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

class PackageNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(name: string) {
		const t = this.types[name];
		if (!t) throw new Error(`Unknown node type ${name}`);
		return t;
	}
	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}
	getKnownTypes() {
		return {};
	}
}

class MapCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byType: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(_c: unknown, _t: string, requestOptions: never) {
		return requestOptions;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}
	async getDecrypted(_a: IWorkflowExecuteAdditionalData, details: INodeCredentialsDetails, type: string) {
		const data = this.byType[type];
		if (!data) throw new Error(`No credential of type ${type} (${details.name}) given to the harness`);
		return data;
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties() {
		return [];
	}
}

let loaded: Promise<Record<string, INodeType | IVersionedNodeType>> | undefined;

/** The package's node types as n8n loads them from dist, plus the Manual Trigger stand-in. */
export function loadPackageNodeTypes(): Promise<Record<string, INodeType | IVersionedNodeType>> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const types: Record<string, INodeType | IVersionedNodeType> = {
			'n8n-nodes-base.manualTrigger': new ManualTriggerStandIn(),
		};
		for (const [name, data] of Object.entries(loader.nodeTypes)) {
			types[name.includes('.') ? name : `${loader.packageName}.${name}`] = data.type;
		}
		return types;
	})();
	return loaded;
}

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	settings?: { timezone?: string };
	/** n8n's pin data: a node's output fixed in advance (here: the trigger's items). */
	pinData?: IPinData;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first run (first output, or the given one: 1 is the error output). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error a node ended with, if any. */
	error(nodeName?: string): Error | undefined;
}

let executionCounter = 0;

/** Runs `workflow` from its trigger to the end, as a manual execution in n8n. */
export async function runWorkflow(workflow: WorkflowJson, credentials: Record<string, ICredentialDataDecryptedObject>): Promise<RunResult> {
	const nodeTypes = new PackageNodeTypes(await loadPackageNodeTypes());
	const wf = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes: workflow.nodes,
		connections: workflow.connections,
		active: false,
		nodeTypes,
		settings: { timezone: workflow.settings?.timezone ?? 'Asia/Shanghai' },
	});
	const executionId = String(++executionCounter);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: wf.id,
		name: 'test',
		active: false,
		isArchived: false,
		nodes: workflow.nodes,
		connections: workflow.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = {
		credentialsHelper: new MapCredentialsHelper(credentials),
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ?? workflow.nodes[0];
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow: wf, startNode: trigger, pinData: workflow.pinData });
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (name, outputIndex = 0) => runData[name]?.[0]?.data?.main?.[outputIndex] ?? [],
		error: (name) => (name ? runData[name]?.[0]?.error : run.data.resultData.error) as Error | undefined,
	};
}

/** A workflow: Manual Trigger → the given nodes in a line. */
export function chain(...nodes: Array<Omit<INode, 'id' | 'position' | 'typeVersion'> & { typeVersion?: number }>): WorkflowJson {
	const all: INode[] = [
		{ id: 'trigger', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...nodes.map((n, i) => ({ typeVersion: 1, ...n, id: `n${i}`, position: [(i + 1) * 220, 0] as [number, number] })),
	];
	const connections: IConnections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}

/** Closes the stores the package (loaded from dist) opened during the runs. */
export async function closePackageStores(): Promise<void> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { closeAllStores } = require(resolve(PACKAGE_DIR, 'dist/nodes/shared/store/store')) as { closeAllStores(): Promise<void> };
	await closeAllStores();
}

/** This package's node types, as workflow JSON names them. */
export const TYPES = {
	register: 'n8n-nodes-after-sales.afterSalesRegister',
	createTicket: 'n8n-nodes-after-sales.createRepairTicket',
	dispatch: 'n8n-nodes-after-sales.dispatchTechnician',
	issueInvoice: 'n8n-nodes-after-sales.issueInvoice',
	tileStock: 'n8n-nodes-after-sales.computeTileStock',
	sendSurvey: 'n8n-nodes-after-sales.sendSurvey',
	contractExpiry: 'n8n-nodes-after-sales.contractExpiryCheck',
} as const;

const STORE_CREDENTIAL = { afterSalesStore: { id: '1', name: 'After-Sales Store' } };

/** A node of this package, using the After-Sales Store credential. */
export function storeNode(name: string, type: string, parameters: INode['parameters'], extra: Partial<INode> = {}) {
	return { name, type, parameters, credentials: STORE_CREDENTIAL, ...extra };
}

/** The workflow with the Manual Trigger's output pinned to these items (n8n's pin data). */
export function withItems(items: object[], wf: WorkflowJson): WorkflowJson {
	return { ...wf, pinData: { 'Manual Trigger': items.map((json) => ({ json: json as INodeExecutionData['json'] })) } };
}
