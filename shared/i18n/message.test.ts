import { describe, expect, it } from 'vitest';
import { Msg, isMsg, msg, renderMsg } from './message.js';

const catalog: Record<string, string> = {
  'engine:job.rolled-back': 'Rolled back: {{reason}}',
  'engine:reason.verify-failed': 'verification failed ({{detail}})',
};
const t = (key: string, params?: Record<string, unknown>): string =>
  (catalog[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_w, name: string) => String(params?.[name] ?? `{{${name}}}`));

describe('engine messages', () => {
  it('renders nested messages before the outer one and keeps raw strings verbatim', () => {
    const m = msg('engine:job.rolled-back', { reason: msg('engine:reason.verify-failed', { detail: 'OSError: [WinError 126]' }) });
    expect(renderMsg(t, m)).toBe('Rolled back: verification failed (OSError: [WinError 126])');
  });

  it('validates the wire shape and recognises messages', () => {
    expect(Msg.safeParse({ key: 'engine:x', params: { n: 3, inner: { key: 'engine:y' } } }).success).toBe(true);
    expect(Msg.safeParse({ key: '', params: {} }).success).toBe(false);
    expect(isMsg({ key: 'engine:x' })).toBe(true);
    expect(isMsg('engine:x')).toBe(false);
  });
});
