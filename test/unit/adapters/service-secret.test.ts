import type { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { onFirstUse, withServiceSecret } from '../../../lib/adapters/service-secret';

/** Secrets Manager's answer for one secret id; the adapter's parsing and merging is what is under test. */
function secretsManager(secretString: string | undefined) {
  const asked: string[] = [];
  return {
    asked,
    send: async (command: GetSecretValueCommand) => {
      asked.push(command.input.SecretId ?? '');
      return { SecretString: secretString, $metadata: {} };
    },
  };
}

describe('withServiceSecret', () => {
  const good = JSON.stringify({ TWILIO_AUTH_TOKEN: 'twilio-token', REPORTER_HMAC_KEY: 'k'.repeat(32) });

  it('leaves the environment alone when no secret is named (local runs)', async () => {
    const client = secretsManager(good);
    expect(await withServiceSecret({ A: '1' }, client as never)).toEqual({ A: '1' });
    expect(client.asked).toEqual([]);
  });

  it("adds the secret's values to the environment", async () => {
    const client = secretsManager(good);
    const env = await withServiceSecret({ SERVICE_SECRET_ARN: 'arn:aws:secretsmanager:x', A: '1' }, client as never);
    expect(env).toMatchObject({ A: '1', TWILIO_AUTH_TOKEN: 'twilio-token', REPORTER_HMAC_KEY: 'k'.repeat(32) });
    expect(client.asked).toEqual(['arn:aws:secretsmanager:x']);
  });

  it('names what is wrong with the secret and never prints a value', async () => {
    const short = secretsManager(JSON.stringify({ TWILIO_AUTH_TOKEN: 'tok-123', REPORTER_HMAC_KEY: 'short-key' }));
    const error = await withServiceSecret({ SERVICE_SECRET_ARN: 'arn' }, short as never).catch((e: Error) => e);
    expect(String(error)).toMatch(/REPORTER_HMAC_KEY of at least 16/);
    expect(String(error)).not.toMatch(/short-key|tok-123/);
    await expect(withServiceSecret({ SERVICE_SECRET_ARN: 'arn' }, secretsManager('not json') as never)).rejects.toThrow(
      /not a JSON object/,
    );
  });
});

describe('onFirstUse', () => {
  it('builds once, and builds again after a failure instead of keeping it', async () => {
    let builds = 0;
    const value = onFirstUse(async () => {
      builds += 1;
      if (builds === 1) throw new Error('secret not readable yet');
      return builds;
    });
    await expect(value()).rejects.toThrow(/not readable/);
    expect(await value()).toBe(2);
    expect(await value()).toBe(2);
    expect(builds).toBe(2);
  });
});
