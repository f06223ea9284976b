import { signRequest, verifySignature } from './signing';

describe('gateway request signatures', () => {
  const body = JSON.stringify({ outId: 'm1', phoneNumbers: 'x' });
  const now = 1_780_000_000_000;

  it('verifies what it signed, within the allowed clock skew', () => {
    const headers = signRequest('key-1', 'secret', 'POST', '/sms/send', body, now, 'n1');
    expect(verifySignature('secret', 'key-1', { ...headers }, 'POST', '/sms/send', body, now + 1000)).toBe(true);
    expect(verifySignature('secret', 'key-1', { ...headers }, 'POST', '/sms/send', body, now + 10 * 60_000)).toBe(
      false,
    );
  });

  it('refuses another body, path, key or secret', () => {
    const headers = { ...signRequest('key-1', 'secret', 'POST', '/sms/send', body, now, 'n1') };
    expect(verifySignature('secret', 'key-1', headers, 'POST', '/sms/send', `${body} `, now)).toBe(false);
    expect(verifySignature('secret', 'key-1', headers, 'POST', '/sms/other', body, now)).toBe(false);
    expect(verifySignature('secret', 'key-2', headers, 'POST', '/sms/send', body, now)).toBe(false);
    expect(verifySignature('other', 'key-1', headers, 'POST', '/sms/send', body, now)).toBe(false);
    expect(verifySignature('secret', 'key-1', {}, 'POST', '/sms/send', body, now)).toBe(false);
  });
});
