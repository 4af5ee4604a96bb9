import { shippedCatalog } from '../../../lib/catalog/load-catalog';
import { analyzeMessage } from '../../../lib/core/analyze';
import { composeReply } from '../../../lib/core/compose-reply';
import { redact } from '../../../lib/core/redact';

const catalog = shippedCatalog();

// Each must give a verdict and a reply, never an exception. Time is measured by `npm run bench` and the
// property suite; here a generous bound only catches catastrophic (super-linear) regular expressions.
const BAD_INPUTS: [string, string][] = [
  ['empty', ''],
  ['only whitespace', ' \n\t\u3000 '],
  ['only a link', 'https://amaz0n-jp.top/login'],
  ['100 KB of one character', 'a'.repeat(100_000)],
  ['100 KB of digits', '1'.repeat(100_000)],
  ['100 KB of dots and letters', 'a.'.repeat(50_000)],
  ['100 KB of digit-dash pairs', '1-'.repeat(50_000)],
  ['100 KB of Japanese', 'あ'.repeat(100_000)],
  ['100 KB of at-signs and words', 'a@b '.repeat(25_000)],
  ['100 KB of line separators', '\u2028'.repeat(100_000)],
  ['100 KB of blank lines', '\n'.repeat(100_000)],
  ['100 KB of quoted blank lines', '\n>'.repeat(50_000)],
  ['100 KB of full stops then a letter', `${'.'.repeat(100_000)}x`],
  ['invalid UTF-16', '\uD800\uDC00\uDC00\uD800 code 123456'],
  ['mixed scripts', 'Аmazоn アマゾン 亚马逊 أمازون 123456 https://xn--mazon-3ve.com'],
  ['control characters', '\u0000\u0007\u001B[31mAmazon\u0000 123456'],
  ['XML in the text', '</Message><Redirect>https://evil.example/</Redirect>'],
];

describe('bad input', () => {
  it.each(BAD_INPUTS)('%s gets a verdict and a reply without throwing', (_label, text) => {
    const started = performance.now();
    const { verdict, normalized } = analyzeMessage(text, catalog);
    const reply = composeReply(verdict, catalog);
    redact(normalized, verdict.lang);
    const elapsed = performance.now() - started;
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.segments).toBeLessThanOrEqual(3);
    expect(elapsed).toBeLessThan(1000);
  });
});
