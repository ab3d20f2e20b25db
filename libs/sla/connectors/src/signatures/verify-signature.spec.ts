import { createHmac } from 'node:crypto';
import { PRESETS } from '../presets/presets';
import { checkSignature } from './verify-signature';

const body = Buffer.from('{"type":"zen:event-type:ticket.created"}');
const secret = 'dGhpcyBpcyBhIHNlY3JldA==';

describe('signatures on the raw body', () => {
  it("given Zendesk's base64 HMAC-SHA256 of timestamp then body, then it is valid; the body changed, then it is a mismatch", () => {
    const timestamp = '2026-12-05T14:00:00Z';
    const signature = createHmac('sha256', secret).update(timestamp + body.toString()).digest('base64');
    const headers = { 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': timestamp };
    expect(checkSignature(PRESETS.zendesk.signature!, secret, body, headers)).toBe('valid');
    expect(checkSignature(PRESETS.zendesk.signature!, secret, Buffer.from(`${body.toString()} `), headers)).toBe('mismatch');
  });

  it("given GLPI's hex HMAC-SHA256 of body then X-GLPI-timestamp, then it is valid; without the timestamp, then refused", () => {
    const signature = createHmac('sha256', secret).update(body.toString() + '1796535600').digest('hex');
    expect(checkSignature(PRESETS.glpi.signature!, secret, body, { 'x-glpi-signature': signature, 'x-glpi-timestamp': '1796535600' })).toBe('valid');
    expect(checkSignature(PRESETS.glpi.signature!, secret, body, { 'x-glpi-signature': signature })).toBe('timestamp-missing');
  });

  it("given Zammad's sha1=<hex>, then it is valid; given no header, then missing", () => {
    const signature = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
    expect(checkSignature(PRESETS.zammad.signature!, secret, body, { 'x-hub-signature': signature })).toBe('valid');
    expect(checkSignature(PRESETS.zammad.signature!, secret, body, {})).toBe('missing');
  });
});
