import { decodeAttachmentBase64 } from './lead-attachment';

describe('decodeAttachmentBase64', () => {
  const hello = Buffer.from('hello world');

  it('decodes standard, URL-safe, wrapped and data-URI base64', () => {
    for (const text of [hello.toString('base64'), hello.toString('base64url'), 'aGVsbG8g\nd29ybGQ=', `data:text/plain;base64,${hello.toString('base64')}`]) {
      const r = decodeAttachmentBase64(text, 100);
      expect(r).toEqual({ ok: true, bytes: hello });
    }
    const binary = Buffer.from([0xfb, 0xff, 0xfe]);
    expect(decodeAttachmentBase64(binary.toString('base64url'), 100)).toEqual({ ok: true, bytes: binary });
  });

  it('refuses what is not base64, and empty data', () => {
    expect(decodeAttachmentBase64('not base64!', 100)).toMatchObject({ ok: false, problem: 'invalid' });
    expect(decodeAttachmentBase64('abcde', 100)).toMatchObject({ ok: false, problem: 'invalid' });
    expect(decodeAttachmentBase64('', 100)).toMatchObject({ ok: false, problem: 'empty' });
    expect(decodeAttachmentBase64(' \n ', 100)).toMatchObject({ ok: false, problem: 'empty' });
  });

  it('enforces the limit on the decoded size, exactly', () => {
    const atLimit = Buffer.alloc(30, 1).toString('base64');
    expect(decodeAttachmentBase64(atLimit, 30)).toMatchObject({ ok: true });
    expect(decodeAttachmentBase64(Buffer.alloc(31, 1).toString('base64'), 30)).toMatchObject({ ok: false, problem: 'too_large', message: expect.stringMatching(/31 bytes.*30 bytes/) });
  });
});
