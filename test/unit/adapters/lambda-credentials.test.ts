import * as chain from '@aws-sdk/credential-provider-node';
import * as standIn from '../../../lib/adapters/lambda-credentials';

describe('the Lambda bundles’ stand-in for the default credential chain', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('exports the one name the SDK clients import from the chain', () => {
    expect(Object.keys(standIn)).toEqual(['defaultProvider']);
    expect(typeof chain.defaultProvider).toBe('function');
  });

  it('answers with the execution role’s credentials Lambda puts in the environment', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'session';
    await expect(standIn.defaultProvider()()).resolves.toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
    });
  });

  it('fails with the SDK’s own error when they are missing', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    await expect(standIn.defaultProvider()()).rejects.toThrow(/environment variable credentials/);
  });
});
