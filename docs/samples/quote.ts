// Assumed: a quote your backend created from the customer's embedded wallet (POST /quotes).
declare const quote: import('@grid-wallet/sdk').Quote;
