import { looksLikeCardNumber, maskedCardNumber, redactCardNumbers } from './card-data';

describe('card data', () => {
  it('takes anything with 12–19 digits for a card number, however grouped', () => {
    for (const pan of ['4242424242424242', '4242 4242 4242 4242', '4111-1111-1111-1111', '378282246310005']) expect(looksLikeCardNumber(pan)).toBe(true);
    for (const token of ['tok_local_visa', 'pm_1234', '12345678901', 'card_4242424242424242x']) expect(looksLikeCardNumber(token)).toBe(false);
  });
  it('redacts Luhn-valid card numbers inside free text and leaves other numbers alone', () => {
    expect(redactCardNumbers('charged 4242 4242 4242 4242 ok, ref 1234567890123')).toBe('charged XXXXXXXXXXXX4242 ok, ref 1234567890123');
    expect(redactCardNumbers('card=4111-1111-1111-1111;')).toBe('card=XXXXXXXXXXXX1111;');
    expect(redactCardNumbers("'; DROP TABLE orders; --")).toBe("'; DROP TABLE orders; --");
  });
  it('masks all but the last four digits, and answers empty without them', () => {
    expect(maskedCardNumber('4242')).toBe('XXXXXXXXXXXX4242');
    expect(maskedCardNumber(null)).toBe('');
  });
});
