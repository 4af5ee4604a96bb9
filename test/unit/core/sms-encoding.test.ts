import { measureSms } from '../../../lib/core/sms-encoding';

describe('measureSms', () => {
  it('counts GSM-7 texts in septets with 160 for one segment and 153 per part after that', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(measureSms('a'.repeat(306))).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension-table characters twice', () => {
    expect(measureSms('€[]').units).toBe(6);
    expect(measureSms('{'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(measureSms('{'.repeat(81)).segments).toBe(2);
  });

  it('switches to UCS-2 for any character outside GSM-7, with 70 and 67 per part', () => {
    expect(measureSms('あ'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(measureSms('あ'.repeat(71)).segments).toBe(2);
    expect(measureSms(`${'a'.repeat(134)}→`)).toEqual({ encoding: 'UCS-2', units: 135, segments: 3 });
  });

  it('treats curly quotes as UCS-2, a common way replies silently cost more', () => {
    expect(measureSms('don’t').encoding).toBe('UCS-2');
    expect(measureSms("don't").encoding).toBe('GSM-7');
  });
});
