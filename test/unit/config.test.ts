import { ConfigError, loadConfig } from '../../lib/config';

const VALID = {
  SMISH_TABLE_NAME: 'incidents',
  PUBLIC_WEBHOOK_URL: 'https://example.execute-api.ap-northeast-1.amazonaws.com/twilio/sms',
  TWILIO_AUTH_TOKEN: 'secret-token-value',
  REPORTER_HMAC_KEY: 'a-key-of-sixteen-chars-or-more',
  INCIDENT_SPOOL_QUEUE_URL: 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/spool',
};

describe('loadConfig', () => {
  it('reads a complete environment with defaults for the optional settings', () => {
    const config = loadConfig(VALID);
    expect(config).toMatchObject({ tableName: 'incidents', retentionDays: 90, dynamoEndpoint: undefined });
  });

  it('names every missing variable in one error', () => {
    expect(() => loadConfig({})).toThrow(
      'configuration error: SMISH_TABLE_NAME is required; PUBLIC_WEBHOOK_URL is required; TWILIO_AUTH_TOKEN is required; REPORTER_HMAC_KEY is required; INCIDENT_SPOOL_QUEUE_URL (AWS) or SPOOL_FILE (local) is required',
    );
  });

  it('explains invalid values without printing them', () => {
    const attempt = () =>
      loadConfig({ ...VALID, PUBLIC_WEBHOOK_URL: 'ftp://nope', REPORTER_HMAC_KEY: 'short', RETENTION_DAYS: '0' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PUBLIC_WEBHOOK_URL must be an http\(s\) URL/);
    expect(attempt).toThrow(/REPORTER_HMAC_KEY must be at least 16 characters/);
    expect(attempt).toThrow(/RETENTION_DAYS must be at least 1/);
    expect(attempt).not.toThrow(/short|nope/);
  });

  it('names each variable set empty, not only the first', () => {
    const attempt = () => loadConfig({ ...VALID, SPOOL_FILE: '', AWS_REGION: '', REPORTS_PER_HOUR: '1.5' });
    expect(attempt).toThrow(/SPOOL_FILE must not be empty; .*AWS_REGION must not be empty/);
    expect(attempt).toThrow(/REPORTS_PER_HOUR must be a whole number/);
  });

  it('keeps the batch counter at 8 calls in flight unless told otherwise, within 1 to 64', () => {
    expect(loadConfig(VALID).countingCallsInFlight).toBe(8);
    expect(loadConfig({ ...VALID, COUNTING_CALLS_IN_FLIGHT: '1' }).countingCallsInFlight).toBe(1);
    expect(() => loadConfig({ ...VALID, COUNTING_CALLS_IN_FLIGHT: '0' })).toThrow(
      /COUNTING_CALLS_IN_FLIGHT must be at least 1/,
    );
    expect(() => loadConfig({ ...VALID, COUNTING_CALLS_IN_FLIGHT: '100' })).toThrow(
      /COUNTING_CALLS_IN_FLIGHT must be at most 64/,
    );
  });

  it('parses the retention as a number', () => {
    expect(loadConfig({ ...VALID, RETENTION_DAYS: '30' }).retentionDays).toBe(30);
  });
});
