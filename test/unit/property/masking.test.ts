import fc from 'fast-check';
import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { analyzeMessage } from '../../../lib/core/analyze';
import { redact } from '../../../lib/core/redact';
import '../../support/property-seed';

const catalog = shippedCatalog();

/** The text as the webhook stores it: normalised, then masked in the language it was read in. */
function stored(text: string): string {
  const { normalized, verdict } = analyzeMessage(text, catalog);
  return redact(normalized, verdict.lang);
}

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (min: number, max = min) => fc.array(digit, { minLength: min, maxLength: max }).map((d) => d.join(''));
const nonZero = fc.integer({ min: 2, max: 9 }).map(String);

/** The ways a phone shows one digit string: as is, full width, or with invisible characters between the digits. */
const written = (plain: string) =>
  fc.constantFrom(
    plain,
    plain.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    plain.replace(/\d/g, (d) => String.fromCodePoint(0x1d7ce + Number(d))),
    [...plain].join('\u200B'),
  );

/** One-time codes as services write them: 4 to 8 digits, a letter prefix, or split 3 + 3. */
const code = fc
  .oneof(
    digits(4, 8),
    digits(6).map((d) => `G-${d}`),
    fc.tuple(digits(3), fc.constantFrom(' ', '-'), digits(3)).map(([a, sep, b]) => `${a}${sep}${b}`),
  )
  .chain(written);

/** Phone numbers in the formats people and scammers write: Japanese, North American and British. */
const phone = fc
  .oneof(
    fc
      .tuple(fc.constantFrom('70', '80', '90'), digits(4), digits(4), fc.constantFrom('-', ' ', ''))
      .chain(([mobile, a, b, sep]) =>
        fc.constantFrom(`0${mobile}${sep}${a}${sep}${b}`, `+81 ${mobile} ${a} ${b}`, `+81-${mobile}-${a}-${b}`),
      ),
    fc.tuple(nonZero, digits(3), digits(4)).map(([first, rest, line]) => `03-${first}${rest}-${line}`),
    fc.tuple(digits(3), digits(3)).map(([a, b]) => `0120-${a}-${b}`),
    fc
      .tuple(nonZero, digits(2), digits(4))
      .chain(([first, rest, line]) =>
        fc.constantFrom(`+1 415 ${first}${rest} ${line}`, `+1-415-${first}${rest}-${line}`),
      ),
    digits(6).map((d) => `+44 7911 ${d}`),
  )
  .chain(written);

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._+-]{1,14}[a-z0-9]$/),
    fc.stringMatching(/^[a-z]{3,10}$/),
    fc.constantFrom('com', 'co.jp', 'ne.jp', 'org'),
  )
  .map(([local, domain, suffix]) => ({ local, address: `${local}@${domain}.${suffix}` }));

/** Words around the secrets, without digits of their own, so any digit left in the output came from a secret. */
const FILLER = [
  ...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'あいうえおかきくけこ、。お荷物不在連絡確認アマゾン',
  ...' \n\t\u3000.,:;!?()-/「」',
];
const filler = fc.string({ unit: fc.constantFrom(...FILLER), maxLength: 30 });
const gap = fc.constantFrom(' ', '\n', ': ', '、', ' (', '「');

type Secret = { kind: 'code' | 'phone'; text: string } | { kind: 'email'; local: string; address: string };

const secret: fc.Arbitrary<Secret> = fc.oneof(
  code.map((text) => ({ kind: 'code' as const, text })),
  phone.map((text) => ({ kind: 'phone' as const, text })),
  email.map((e) => ({ kind: 'email' as const, ...e })),
);

/** A forwarded text with one to four secrets among the words. */
const textWithSecrets = fc.array(fc.tuple(filler, gap, secret, gap), { minLength: 1, maxLength: 4 }).chain((parts) =>
  filler.map((tail) => ({
    text: parts.map(([before, open, s, close]) => `${before}${open}${secretText(s)}${close}`).join('') + tail,
    secrets: parts.map(([, , s]) => s),
  })),
);

function secretText(s: Secret): string {
  return s.kind === 'email' ? s.address : s.text;
}

// A masked phone number may keep its country code and a trunk or carrier prefix ("+** …", "090-****-****"),
// which say nothing about whose it is; never its subscriber digits.
const PREFIX_DIGITS = 4;

describe('masking before storage', () => {
  it('leaves no one-time code, phone number or e-mail address behind', () => {
    fc.assert(
      fc.property(textWithSecrets, ({ text, secrets }) => {
        const out = stored(text);
        expect(out).not.toMatch(/\d{4,}/);
        expect(out).not.toMatch(/(?<!\d)\d{3}[ -]\d{3}(?!\d)/);
        const phones = secrets.filter((s) => s.kind === 'phone').length;
        expect((out.match(/\d/g) ?? []).length).toBeLessThanOrEqual(PREFIX_DIGITS * phones);
        for (const s of secrets) if (s.kind === 'email') expect(out).not.toContain(`${s.local}@`);
      }),
      { numRuns: 500 },
    );
  });

  // Without this, masking everything would pass the test above.
  it('keeps the words around them, which operators need', () => {
    const words = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(words, secret, words, (before, s, after) => {
        const out = stored(`${before} ${secretText(s)} ${after}`);
        for (const word of `${before} ${after}`.match(/[A-Za-z]{3,}/g) ?? []) expect(out).toContain(word);
      }),
      { numRuns: 200 },
    );
  });
});
