import { startLocalResponder } from '../local/local-responder';
import { localSettings } from '../local/local-settings';

/** npm start: the whole responder on this machine, on an embedded DynamoDB-compatible engine. */
async function main(): Promise<void> {
  const settings = localSettings();
  const responder = await startLocalResponder(settings, { persist: true });
  const lines = [
    'smish-responder is running locally / ローカルで起動しました',
    `  webhook (Twilio → here) / Webhook URL:  ${responder.webhookUrl}`,
    `  Twilio auth token (local only) / ローカル用トークン:  ${settings.twilioAuthToken}`,
    `  DynamoDB (dynalite, data in ${settings.dataDir}/) / 埋め込みDB:  ${responder.engine.endpoint}`,
    `  table / テーブル:  ${responder.config.tableName}${responder.tableCreated ? ' (created / 作成しました)' : ''}`,
    '',
    'Send a message from another shell / 別のシェルから送信:',
    `  npm run sms -- "Amazon: 123456 is your sign-in code. For your security, don't share it."`,
    'Stop with Ctrl+C / 停止は Ctrl+C',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const shutdown = () => {
    responder.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `could not start / 起動できませんでした: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
