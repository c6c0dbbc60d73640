/** A realistic Grid `payloadToSign` (an activity, ~200 bytes), the same for every contender. */
export const PAYLOAD =
  '{"organizationId":"org_1","parameters":{"apiKeyIds":["k1"],"userId":"user_1"},"timestampMs":"1746736509954","type":"ACTIVITY_TYPE_DELETE_API_KEYS"}';
