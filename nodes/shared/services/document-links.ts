/**
 * Signed document links as use cases (issue 17 item 2): sign a document's path with the store's
 * secret (the survey links' one, kept in store_secrets, so every n8n process and queue-mode worker
 * on the store signs and checks alike), and check a signed address's token before the document is
 * read. Signatures are compared in constant time (rules/document-link.ts).
 */
import type { Store } from '../store/store';
import { surveySigner } from '../store/secrets';
import { RuleViolation } from '../rules/errors';
import {
	checkDocumentToken,
	documentLinkExpiresAt,
	documentLinkProblem,
	documentPath,
	signDocumentLink,
	DOCUMENT_LINK_VALID_DAYS,
	type SignedDocumentLink,
} from '../rules/document-link';

/** The signed link of a document path, valid `days` from `now`. */
export async function signDocument(store: Store, path: string, now: string, days: number = DOCUMENT_LINK_VALID_DAYS): Promise<SignedDocumentLink> {
	const p = documentPath(path);
	return signDocumentLink(p, documentLinkExpiresAt(now, days), await surveySigner(store.db));
}

/** A link that does not open the document (a webhook answers 403). */
export class DocumentLinkRefused extends RuleViolation {
	constructor(message: string) {
		super(message, 'link');
		this.name = 'DocumentLinkRefused';
	}
}

/** Lets a signed address through when its token fits the path and has not expired; else DocumentLinkRefused. */
export async function checkDocumentAccess(store: Store, path: string, token: string, now: string): Promise<{ by: 'link'; expiresAt: string }> {
	const p = documentPath(path);
	const check = checkDocumentToken(p, token, now, await surveySigner(store.db));
	if (!check.ok) throw new DocumentLinkRefused(documentLinkProblem(check.reason, check.expiresAt));
	return { by: 'link', expiresAt: check.expiresAt };
}

/**
 * Signed links of many document paths at once (the board signs every row it lists), with one read
 * of the secret: path → the link's address under `base`.
 */
export async function signDocuments(
	store: Store,
	paths: readonly string[],
	now: string,
	base: string,
	days: number = DOCUMENT_LINK_VALID_DAYS,
): Promise<Map<string, string>> {
	const sign = await surveySigner(store.db);
	const expiresAt = documentLinkExpiresAt(now, days);
	const links = new Map<string, string>();
	for (const path of paths) {
		const link = signDocumentLink(documentPath(path), expiresAt, sign);
		links.set(link.path, `${base}${link.urlPath}/${link.token}`);
	}
	return links;
}
