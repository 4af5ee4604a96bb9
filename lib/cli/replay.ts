import { startLocalResponder } from '../local/local-responder';
import { localSettings } from '../local/local-settings';
import { runningResponder } from '../local/running-marker';

/**
 * npm run replay: writes the incidents the local spool kept during an outage and counts those a crash left
 * uncounted. `npm start` does the same every minute by itself; run this one while it is stopped (the embedded
 * engine's data folder can be open in one process only).
 */
async function main(): Promise<void> {
  const settings = localSettings({ ...process.env, PORT: '0' });
  const running = await runningResponder(settings.dataDir);
  if (running !== null) {
    process.stderr.write(
      `npm start is running (pid ${running}) and replays by itself every minute; stop it to replay by hand.\n` +
        `npm start が実行中です(1分ごとに自動で再処理します)。手動で再処理するには停止してください。\n`,
    );
    process.exitCode = 1;
    return;
  }
  const responder = await startLocalResponder(settings, { persist: true });
  try {
    process.stdout.write('replaying / 再処理中…\n');
    const result = await responder.replay();
    process.stdout.write(
      `${[
        `  from the spool / スプールから書き込み: ${result.unspooled} (still waiting / 未処理: ${result.stillSpooled})`,
        `  counted / 集計: ${result.counted}${result.failed ? ' (stopped on a store error: run it again / ストアのエラーで中断: 再実行してください)' : ''}`,
      ].join('\n')}\n`,
    );
  } finally {
    await responder.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `replay failed / 再処理に失敗しました: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
