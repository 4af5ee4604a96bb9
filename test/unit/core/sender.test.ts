import { senderLabel } from '../../../lib/app/sender-label';
import { forwardedSender } from '../../../lib/core/sender';

describe('forwardedSender', () => {
  it('reads an alphanumeric sender id from a quoted header', () => {
    expect(forwardedSender('Fwd:\nFrom: AmazonJP\n【Amazon】お支払い方法に問題があります')).toEqual({
      kind: 'alphanumeric',
      id: 'AmazonJP',
    });
  });

  it('reads a phone number with its country and type, in any width', () => {
    expect(forwardedSender('差出人: ＋６３ ９１７ １２３ ４５６７\nYour parcel is waiting')).toEqual({
      kind: 'phone',
      number: '+639171234567',
      country: 'PH',
      type: 'MOBILE',
    });
    expect(forwardedSender('> From: 090-1234-5678\n不在のため持ち帰りました')).toMatchObject({
      kind: 'phone',
      number: '+819012345678',
      country: 'JP',
    });
  });

  it('keeps any number, valid in a numbering plan or not, as a phone (to be hashed), never as an id', () => {
    expect(forwardedSender('Fwd:\nFrom: 4158234567\nHi Mum')).toEqual({
      kind: 'phone',
      number: '4158234567',
      country: null,
      type: null,
    });
    expect(forwardedSender('> > 差出人: 090-0537-5795\n不在')).toMatchObject({ kind: 'phone' });
    expect(forwardedSender('From: Mum +81 90 1234 5678')).toBeNull();
    expect(forwardedSender('From: SMS123456\nhi')).toEqual({ kind: 'alphanumeric', id: 'SMS123456' });
  });

  it('tells short codes and mail senders apart', () => {
    expect(forwardedSender('From: 32665\ncode 123456')).toEqual({ kind: 'short_code', code: '32665' });
    expect(forwardedSender('From: "Apple" <noreply@icloud-support.top>\nhi')).toEqual({
      kind: 'email',
      domain: 'icloud-support.top',
    });
  });

  it('is null when the text has no sender header, or the header holds no sender', () => {
    expect(forwardedSender('Amazon: 123456 is your sign-in code.')).toBeNull();
    expect(forwardedSender('Call us from: 0120-123-456 today')).toBeNull();
    expect(forwardedSender('From: !!! ### $$$')).toBeNull();
  });
});

describe('senderLabel', () => {
  const hasher = { hash: (value: string) => `hash-of-${value}-${'0'.repeat(20)}` };

  it('keeps sender ids, short codes and mail domains, and never a phone number', () => {
    expect(senderLabel({ kind: 'alphanumeric', id: 'AmazonJP' }, hasher)).toBe('AmazonJP');
    expect(senderLabel({ kind: 'short_code', code: '32665' }, hasher)).toBe('short:32665');
    expect(senderLabel({ kind: 'email', domain: 'icloud-support.top' }, hasher)).toBe('mail:@icloud-support.top');
    const phone = senderLabel({ kind: 'phone', number: '+639171234567', country: 'PH', type: 'MOBILE' }, hasher);
    expect(phone).toBe(`tel:PH/mobile/${'hash-of-+639171234567'.slice(0, 12)}`);
    expect(phone).not.toContain('9171234567');
    expect(senderLabel(null, hasher)).toBeNull();
  });
});
