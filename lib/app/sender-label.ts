import type { SenderIdentity } from '../core/sender';
import type { ReporterHasher } from './ports';

/** Enough of the keyed hash to tell numbers apart in a ranking; the full hash is never needed there. */
const NUMBER_HASH_CHARS = 12;

/**
 * How a scam's sender is stored and counted. Sender ids, short codes and mail domains are the scammer's own and
 * kept as written. A phone number may be a person's (hijacked accounts, "Hi Mum" texts from real phones), so it is
 * kept as country, type and a keyed hash: repeats of one number still add up, and an operator holding the key can
 * check a suspected number, but the database never holds it.
 */
export function senderLabel(sender: SenderIdentity | null, hasher: ReporterHasher): string | null {
  if (sender === null) return null;
  switch (sender.kind) {
    case 'alphanumeric':
      return sender.id;
    case 'short_code':
      return `short:${sender.code}`;
    case 'email':
      return `mail:@${sender.domain}`;
    case 'phone':
      return `tel:${sender.country ?? '??'}/${(sender.type ?? 'unknown').toLowerCase()}/${hasher.hash(sender.number).slice(0, NUMBER_HASH_CHARS)}`;
  }
}
