import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function runClassify(args: string[], input?: string) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'lib/cli/classify.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
}

describe('npm run classify', () => {
  it('--jsonl writes one stable JSON line per input, in input order', () => {
    const input = [
      JSON.stringify({ id: 'a', text: "Amazon: 123456 is your sign-in code. Don't share it." }),
      JSON.stringify({ id: 2, text: '不在のため持ち帰りました https://sagawa-xq.top' }),
      JSON.stringify({ id: 'c', text: 'see you at 7' }),
    ].join('\n');
    const result = runClassify(['--jsonl', '-'], input);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(['a', 2, 'c']);
    expect(lines.map((l) => l.category)).toEqual(['otp_unsolicited', 'delivery_scam', 'other']);
    for (const line of lines)
      expect(Object.keys(line)).toEqual(['id', 'category', 'risk', 'brand', 'lang', 'evidence']);
  });

  it('reports a bad line on stderr, goes on, and exits 1', () => {
    const result = runClassify(['--jsonl', '-'], `not json\n${JSON.stringify({ id: 'ok', text: 'hi' })}\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 1');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('prints a readable verdict, evidence and reply for one text', () => {
    const result = runClassify(['Your parcel is held. Pay £1.99: https://royalmail-fee.top/pay']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/category \/ 分類: +delivery_scam|payment_or_billing_scam/);
    expect(result.stdout).toMatch(/segment\(s\)/);
  });
});
