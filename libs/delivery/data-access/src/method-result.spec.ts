import { parseServerAddress } from './method-result';

describe('parseServerAddress', () => {
  it.each([
    ['mail.example.com', 25, { host: 'mail.example.com', port: 25, path: '', scheme: 'x-none' }],
    ['mail.example.com:587', 25, { host: 'mail.example.com', port: 587, path: '', scheme: 'x-none' }],
    ['smtps://mail.example.com', 465, { host: 'mail.example.com', port: 465, path: '', scheme: 'smtps' }],
    ['ftp://files.example.com:2121/in/leads', 21, { host: 'files.example.com', port: 2121, path: '/in/leads', scheme: 'ftp' }],
    ['[::1]:21', 21, { host: '::1', port: 21, path: '', scheme: 'x-none' }],
  ])('%s', (raw, port, expected) => {
    expect(parseServerAddress(raw, port)).toEqual(expected);
  });

  it('refuses blanks, credentials and garbage', () => {
    expect(parseServerAddress('  ', 25)).toBeNull();
    expect(parseServerAddress('ftp://user:pw@host', 21)).toBeNull();
    expect(parseServerAddress('http://', 80)).toBeNull();
  });
});
