/** Credential → channels: the After-Sales Channels credential of a node, when one is attached (it is optional). */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { channelsFromCredential, type ChannelsConfig } from '../channels/config';

export const CHANNELS_CREDENTIAL = 'afterSalesChannels';

/**
 * The channels set in the node's After-Sales Channels credential and the problems of its settings
 * (a channel with a problem stays off); none when the node has no such credential — n8n refuses
 * `getCredentials` for an optional credential that is not attached, so that is asked first.
 */
export async function channelsFor(ctx: IExecuteFunctions): Promise<{ attached: boolean; channels: ChannelsConfig; problems: string[] }> {
	if (!ctx.getNode().credentials?.[CHANNELS_CREDENTIAL]) return { attached: false, channels: {}, problems: [] };
	const data = (await ctx.getCredentials(CHANNELS_CREDENTIAL)) as ICredentialDataDecryptedObject;
	return { attached: true, ...channelsFromCredential(data) };
}
