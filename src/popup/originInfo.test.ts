import { describe, expect, it } from 'vitest';
import { describeOrigin } from './originInfo.ts';

describe('describeOrigin', () => {
  it('splits an origin into scheme, host and port', () => {
    expect(describeOrigin('https://app.example.com')).toEqual({
      scheme: 'https',
      host: 'app.example.com',
      port: '',
      address: 'app.example.com',
      local: false,
      concerns: [],
    });
    expect(describeOrigin('http://localhost:5173')).toMatchObject({
      scheme: 'http',
      host: 'localhost',
      port: '5173',
      local: true,
      concerns: [],
    });
  });

  it('flags plain http, bare IP addresses and punycode, but not this computer', () => {
    expect(describeOrigin('http://wallet.example.com').concerns).toEqual(['insecure']);
    expect(describeOrigin('http://192.168.1.5:8080').concerns).toEqual(['insecure', 'ip-address']);
    expect(describeOrigin('https://[2001:db8::1]').concerns).toEqual(['ip-address']);
    expect(describeOrigin('https://xn--pple-43d.com').concerns).toEqual(['punycode']);
    expect(describeOrigin('https://аpple.com').concerns).toEqual(['punycode']); // Cyrillic а, punycoded by URL
    expect(describeOrigin('http://127.0.0.1:3000')).toMatchObject({ local: true, concerns: [] });
  });
});
