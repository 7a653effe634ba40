/**
 * What the node shells share: the description header (names, group, version, defaults,
 * connections), the credential's "Test connection", and the execute
 * preamble of a node that works item by item on the store.
 */
import {
	NodeConnectionTypes,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { Store } from '../store/store';
import { forEachItem, type ItemResult } from './per-item';
import { storeOnDemand, testStoreConnection } from './store-access';
import { channelNames, channelsFromCredential } from '../channels/config';

/**
 * The header every node of this package shares: its names, group, the version list, defaults and
 * connections. The rest stays written in the node's class — icon, subtitle, description,
 * usableAsTool, the store credential with its `testedBy` — where n8n's lint reads and checks it.
 */
export function nodeHeader(
	displayName: string,
	name: string,
): Pick<INodeTypeDescription, 'displayName' | 'name' | 'group' | 'version' | 'defaults' | 'inputs' | 'outputs'> {
	return {
		displayName,
		name,
		group: ['transform'],
		version: [1],
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
	};
}

/** The credential test every node names in `testedBy`: `methods = { credentialTest: storeCredentialTest, … }`. */
export const storeCredentialTest: Record<
	string,
	(this: ICredentialTestFunctions, credential: ICredentialsDecrypted) => Promise<INodeCredentialTestResult>
> = {
	afterSalesStoreConnectionTest: testStoreConnection,
	afterSalesChannelsCheck: testChannels,
};

/**
 * The channels credential's "Test": every problem in the settings at once (the same checks as the
 * variables at start-up), or which channels are on. Nothing is sent to the platforms.
 */
async function testChannels(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const { channels, problems } = channelsFromCredential(credential.data);
	if (problems.length) return { status: 'Error', message: problems.join('; ') };
	const on = channelNames(channels);
	return { status: 'OK', message: on.length ? `On: ${on.join(', ')}` : 'No channel is set: nothing but email is sent' };
}

/**
 * The execute preamble of a node that handles each item alone: the store opened when the first
 * item needs it, each item on the shared per-item path (pairedItem, Continue On Fail).
 */
export async function eachItemOnStore(
	ctx: IExecuteFunctions,
	handle: (itemIndex: number, store: () => Promise<Store>) => Promise<ItemResult>,
): Promise<INodeExecutionData[][]> {
	const store = storeOnDemand(ctx);
	return [await forEachItem(ctx, async (i) => await handle(i, store))];
}
