// Assumed: a signed Grid call's 202 answer (payloadToSign, requestId), the session that signs it, and the call's URL.
declare const sessionId: string;
declare const payloadToSign: string;
declare const requestId: string;
declare const url: string;
