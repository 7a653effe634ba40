/** Credential → store: one store per credential content, shared by every execution of the process. */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { getStore, Store } from '../store/store';
import { storeConfigFromCredential } from '../store/config';
import { letterheadFrom, type Letterhead } from '../documents/letterhead';

export const STORE_CREDENTIAL = 'afterSalesStore';

export async function storeFor(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<Store> {
	const data = (await ctx.getCredentials(STORE_CREDENTIAL)) as ICredentialDataDecryptedObject;
	return await getStore(storeConfigFromCredential(data));
}

/** The service company of the store credential, the letterhead of every printed page (undefined: none set). */
export async function letterheadFor(ctx: IExecuteFunctions): Promise<Letterhead | undefined> {
	return letterheadFrom((await ctx.getCredentials(STORE_CREDENTIAL)) as ICredentialDataDecryptedObject);
}

/**
 * The store, opened when the first item needs it and then shared by the others. When it cannot
 * be opened (a PostgreSQL server down …) each item fails with the reason on the per-item path,
 * so Continue On Fail and the error output work for it as for any other failure.
 */
export function storeOnDemand(ctx: IExecuteFunctions): () => Promise<Store> {
	let opening: Promise<Store> | undefined;
	return async () => await (opening ??= storeFor(ctx));
}

/** "Test connection" in the credential dialog: opens the store, migrates it, runs a query, closes it. */
export async function testStoreConnection(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	let store: Store | undefined;
	let shared = false;
	try {
		const config = storeConfigFromCredential(credential.data ?? {});
		// A SQLite file gets the process's one connection: a second connection to the same file in
		// this process would wait, blocking n8n, while an execution writes (node:sqlite is synchronous).
		shared = config.backend === 'sqlite';
		store = shared ? await getStore(config) : await Store.open(config);
		await store.ping();
		return { status: 'OK', message: `Connected to the ${store.description}` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	} finally {
		if (!shared) await store?.close();
	}
}
