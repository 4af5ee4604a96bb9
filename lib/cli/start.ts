import { printingAlertPublisher } from '../adapters/sns-alert-publisher';
import { startLocalResponder } from '../local/local-responder';
import { localSettings } from '../local/local-settings';
import { markRunning } from '../local/running-marker';

/** npm start: the whole responder on this machine, on an embedded DynamoDB-compatible engine. */
async function main(): Promise<void> {
  const settings = localSettings();
  const responder = await startLocalResponder(settings, {
    persist: true,
    engineProcess: true,
    alertPublisher: printingAlertPublisher(),
  });
  const origin = new URL(responder.webhookUrl).origin;
  const unmark = await markRunning(settings.dataDir);
  const lines = [
    'smish-responder is running locally / ローカルで起動しました',
    `  webhook (Twilio → here) / Webhook URL:  ${responder.webhookUrl}`,
    `  Twilio auth token (local only) / ローカル用トークン:  ${settings.twilioAuthToken}`,
    `  DynamoDB (dynalite, data in ${settings.dataDir}/) / 埋め込みDB:  ${responder.engine.endpoint}`,
    `  table / テーブル:  ${responder.config.tableName}${responder.tableCreated ? ' (created / 作成しました)' : ''}`,
    `  dashboard / ダッシュボード:  http://127.0.0.1:${responder.port}/dashboard#token=${responder.operatorToken}`,
    `  operator API token / API トークン:  ${responder.operatorToken}   (Authorization: Bearer …, docs/operator-api.md)`,
    `  try / 例:  curl -H "Authorization: Bearer ${responder.operatorToken}" "${origin}/v1/top?dim=brand"`,
    '',
    'Send a message from another shell / 別のシェルから送信:',
    `  npm run sms -- "Amazon: 123456 is your sign-in code. For your security, don't share it."`,
    'Fill it with a month of demo reports / デモデータ投入 (stop the server first / 先に停止):  npm run seed-demo',
    'Stop with Ctrl+C / 停止は Ctrl+C',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  // The local form of the scheduled functions: spooled and uncounted incidents land within a minute of recovery,
  // and spikes are looked for every minute (new alerts are printed above).
  const replayTimer = setInterval(() => {
    responder.detectSpikes().catch(() => undefined);
    responder.replay().then(
      (result) => {
        if (result.unspooled + result.counted > 0) {
          process.stdout.write(`replayed / 再処理: ${result.unspooled} from the spool, ${result.counted} counted\n`);
        }
      },
      () => undefined,
    );
  }, 60_000);
  const shutdown = () => {
    clearInterval(replayTimer);
    Promise.all([unmark(), responder.stop()]).then(
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
