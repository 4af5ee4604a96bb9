import { quietLogger } from '../adapters/log';
import { startLocalResponder } from '../local/local-responder';
import { localSettings } from '../local/local-settings';
import { runningResponder } from '../local/running-marker';
import { ScriptedClock } from '../local/scripted-clock';
import { seedDemo } from '../local/seed-demo';

/** A progress line that rewrites itself on a terminal and prints every 10% elsewhere (CI logs). */
function progressPrinter(): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const percent = Math.floor((done / total) * 100);
    if (process.stdout.isTTY) {
      if (done === total || done % 25 === 0) {
        const bar = '█'.repeat(Math.floor(percent / 5)).padEnd(20, '·');
        process.stdout.write(`\r  ${bar} ${percent}%  ${done}/${total} reports / 件`);
        if (done === total) process.stdout.write('\n');
      }
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      process.stdout.write(`  ${percent}%  ${done}/${total} reports / 件\n`);
    }
  };
}

/**
 * npm run seed-demo: fills the local store with a month of realistic reports through the real webhook path, so the
 * dashboard has something to show. Run it while npm start is stopped (the engine's folder is one process's).
 */
async function main(): Promise<void> {
  const settings = localSettings({ ...process.env, PORT: '0' });
  const running = await runningResponder(settings.dataDir);
  if (running !== null) {
    process.stderr.write(
      `npm start is running (pid ${running}); stop it (Ctrl+C), run npm run seed-demo, then npm start again.\n` +
        `npm start が実行中です。停止してから npm run seed-demo を実行し、もう一度 npm start してください。\n`,
    );
    process.exitCode = 1;
    return;
  }
  const end = new Date();
  const clock = new ScriptedClock(end);
  const started = performance.now();
  const responder = await startLocalResponder(settings, {
    persist: true,
    engineProcess: true,
    clock,
    log: quietLogger(),
  });
  try {
    process.stdout.write(
      'Sending a month of demo reports through the signed webhook / 1か月分のデモ通報を Webhook 経由で送信中…\n',
    );
    const result = await seedDemo(responder, clock, end, progressPrinter());
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const alertLines = result.alerts.map(
      (a) => `    ${a.hour}  ${a.key}  ${a.count} (baseline / 通常 ${a.baseline}/h)`,
    );
    process.stdout.write(
      [
        `  sent / 送信: ${result.sent} reports in ${seconds} s (rejected / 失敗: ${result.failed})`,
        `  spikes found / 検知した急増: ${result.alerts.length}`,
        ...alertLines.slice(0, 8),
        '',
        'Now / 次に:  npm start   → open the dashboard link it prints / 表示されるダッシュボードのリンクを開く',
        '',
      ].join('\n'),
    );
    if (result.failed > 0) process.exitCode = 1;
  } finally {
    await responder.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `seeding failed / デモデータの投入に失敗しました: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
