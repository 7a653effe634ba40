/** The SMS message kinds (RECORDS *Notifications*: one approved template each), pure; `channels/sms.ts` renders them. */
export const SMS_KINDS = ['survey', 'ready', 'payment', 'expiry', 'reply'] as const;
export type SmsKind = (typeof SMS_KINDS)[number];
