import { parseArgs } from 'node:util';
import { measureSms } from '../core/sms-encoding';
import { localSettings, localWebhookUrl } from '../local/local-settings';
import { inboundSmsParams, sendSignedSms, twimlMessages } from '../local/twilio-simulator';

const HELP = `Usage / 使い方: npm run sms -- [options] "forwarded text / 転送する本文"

Acts as Twilio: signs the text with the local auth token and posts it to the local webhook (npm start must run).
Twilioの代わりに、本文をローカルのトークンで署名してWebhookへ送ります(npm start が必要)。

Options / オプション:
  --from NUMBER   reporter's number / 報告者の番号 (default +819000000001)
  --to NUMBER     our Twilio number / 当サービスの番号 (default +815000000000)
  --url URL       webhook URL (default http://127.0.0.1:$PORT/twilio/sms)
  -h, --help      this help / このヘルプ`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string', default: '+819000000001' },
      to: { type: 'string', default: '+815000000000' },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const settings = localSettings();
  const url = values.url ?? localWebhookUrl(settings, settings.port);
  const params = inboundSmsParams({ body: positionals.join(' '), from: values.from, to: values.to });
  const response = await sendSignedSms(url, settings.twilioAuthToken, params);
  if (response.status !== 200) {
    process.stderr.write(`HTTP ${response.status}\n${response.body}`);
    return 1;
  }
  const messages = twimlMessages(response.body);
  if (messages.length === 0) process.stdout.write('(no reply SMS / 返信なし)\n');
  for (const text of messages) {
    const size = measureSms(text);
    process.stdout.write(
      `${text}\n\n— ${size.encoding}, ${size.units} units, ${size.segments} segment(s) / セグメント\n`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `could not reach the local responder (is "npm start" running?) / ローカルのサービスに接続できません(npm start は起動中?): ${reason}\n`,
    );
    process.exit(1);
  },
);
