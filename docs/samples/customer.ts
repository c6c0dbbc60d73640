// Assumed: the customer's embedded wallet account and EMAIL_OTP credential, as your backend knows them.
declare const accountId: string;
declare const credentialId: string;
