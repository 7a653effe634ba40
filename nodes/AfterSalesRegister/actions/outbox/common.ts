/**
 * What the outbox's operations share: the channels from the After-Sales Channels credential when
 * the node has it (optional: without it only email goes out), and how the run says what it found.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { channelsFromCredential, type ChannelsConfig } from '../../../shared/channels/config';

export const CHANNELS_CREDENTIAL = 'afterSalesChannels';

/** The channels on, and the problems of the credential's settings (a channel with a problem stays off). */
export async function channelsFor(ctx: IExecuteFunctions): Promise<{ channels: ChannelsConfig; problems: string[]; attached: boolean }> {
	if (!ctx.getNode().credentials?.[CHANNELS_CREDENTIAL]) return { channels: {}, problems: [], attached: false };
	const data = (await ctx.getCredentials(CHANNELS_CREDENTIAL)) as ICredentialDataDecryptedObject;
	return { ...channelsFromCredential(data), attached: true };
}

/** Lines the run shows in the output pane and writes to n8n's log. */
export function tell(ctx: IExecuteFunctions, lines: string[]): void {
	if (!lines.length) return;
	ctx.addExecutionHints(...lines.map((message) => ({ message, type: 'warning' as const, location: 'outputPane' as const })));
	for (const line of lines) ctx.logger.warn(`After-Sales outbox: ${line}`);
}
