import { assertOutboundUrl, isPrivateAddress, OutboundUrlError, parseOutboundUrl } from './outbound-url';

describe('outbound URL checks', () => {
  it.each(['ftp://x.example/', 'javascript:alert(1)', 'http://user:pw@x.example/', 'not a url', `http://x.example/${'a'.repeat(3000)}`])(
    'refuses %s before any network call',
    (raw) => {
      expect(() => parseOutboundUrl(raw)).toThrow(OutboundUrlError);
    },
  );

  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0'])(
    'treats %s as private',
    (ip) => {
      expect(isPrivateAddress(ip)).toBe(true);
    },
  );

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])('treats %s as public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });

  it('refuses loopback and metadata addresses unless private networks are allowed', async () => {
    await expect(assertOutboundUrl('http://127.0.0.1:8080/cb', { allowPrivate: false })).rejects.toThrow(/private or reserved/);
    await expect(assertOutboundUrl('http://169.254.169.254/latest/meta-data', { allowPrivate: false })).rejects.toThrow(/private or reserved/);
    await expect(assertOutboundUrl('http://localhost:8080/cb', { allowPrivate: false })).rejects.toThrow(/private or reserved/);
    await expect(assertOutboundUrl('http://127.0.0.1:8080/cb', { allowPrivate: true })).resolves.toBeInstanceOf(URL);
  });
});
