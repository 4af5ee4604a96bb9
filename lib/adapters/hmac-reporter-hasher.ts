import { createHmac } from 'node:crypto';
import type { ReporterHasher } from '../app/ports';

/** Reporter ids as HMAC-SHA256 under a secret key: stable per number, useless without the key. */
export class HmacReporterHasher implements ReporterHasher {
  constructor(private readonly key: string) {}

  hash(phoneNumber: string): string {
    return createHmac('sha256', this.key).update(phoneNumber.trim()).digest('hex');
  }
}
