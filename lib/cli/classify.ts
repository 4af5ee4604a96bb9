import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { shippedCatalog } from '../catalog/load-catalog';
import { analyzeMessage } from '../core/analyze';
import { composeDetails, composeReply, renderEvidence } from '../core/compose-reply';

const HELP = `Usage / 使い方:
  npm run classify -- "text / 本文"            verdict, evidence, the reply and its segments / 判定・根拠・返信
  npm run --silent classify -- --jsonl FILE    one JSON line per input line {"id","text"} / 一括判定 (JSON Lines)

Batch output, one line per input, in input order / 出力形式:
  {"id","category","risk","brand","lang","evidence":[{"code","params"}]}`;

const InputLineSchema = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

async function batch(file: string): Promise<number> {
  const catalog = shippedCatalog();
  const lines = createInterface({ input: file === '-' ? process.stdin : createReadStream(file), crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let parsed: z.infer<typeof InputLineSchema>;
    try {
      parsed = InputLineSchema.parse(JSON.parse(line));
    } catch {
      failures++;
      process.stderr.write(`line ${lineNumber}: expected {"id":…,"text":"…"} / 形式が不正です\n`);
      continue;
    }
    const { verdict } = analyzeMessage(parsed.text, catalog);
    const { category, risk, brand, lang, evidence } = verdict;
    process.stdout.write(`${JSON.stringify({ id: parsed.id, category, risk, brand, lang, evidence })}\n`);
  }
  return failures === 0 ? 0 : 1;
}

function single(text: string): number {
  const catalog = shippedCatalog();
  const { verdict, features } = analyzeMessage(text, catalog);
  const reply = composeReply(verdict, catalog);
  const out = [
    `category / 分類:  ${verdict.category}`,
    `risk / 危険度:    ${verdict.risk}`,
    `brand / ブランド: ${verdict.brand ?? '-'}`,
    `lang / 言語:      ${verdict.lang}`,
    `links / リンク:   ${features.links.map((link) => link.host).join(', ') || '-'}`,
    'evidence / 根拠:',
    ...verdict.evidence.map(
      (e) => `  - ${e.code} ${JSON.stringify(e.params)}  ${renderEvidence(e, verdict.lang, catalog)}`,
    ),
    '',
    `reply / 返信 (${reply.encoding}, ${reply.segments} segment(s) / セグメント):`,
    reply.text,
    '',
    'detailed steps (MORE) / 詳しい手順:',
    composeDetails(verdict, catalog).text,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { jsonl: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help || (values.jsonl === undefined && positionals.length === 0)) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  return values.jsonl !== undefined ? batch(values.jsonl) : single(positionals.join(' '));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `classify failed / 判定に失敗しました: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
