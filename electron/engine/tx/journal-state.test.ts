import { describe, expect, test } from 'vitest';
import { TxState } from '../../../shared/schemas/tx.js';
import { canTransition, isTerminal, RECOVERY, TARGETS_TOUCHED, TRANSITIONS } from './journal-state.js';

describe('the journal state machine (data)', () => {
  test('the happy path is a chain of allowed transitions', () => {
    const path = ['planned', 'preparing', 'prepared', 'applying', 'applied', 'verifying', 'verified', 'committed'] as const;
    for (let i = 1; i < path.length; i += 1) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  test('every state before verified can fail into rolling-back; verified can only commit', () => {
    for (const s of ['planned', 'preparing', 'prepared', 'applying', 'applied', 'verifying'] as const) expect(canTransition(s, 'rolling-back')).toBe(true);
    expect(TRANSITIONS.verified).toEqual(['committed']);
  });

  test('no skipping ahead, no leaving rolled-back, committed only goes back through rolling-back', () => {
    expect(canTransition('prepared', 'committed')).toBe(false);
    expect(canTransition('applying', 'verified')).toBe(false);
    expect(TRANSITIONS['rolled-back']).toEqual([]);
    expect(TRANSITIONS.committed).toEqual(['rolling-back']);
    expect(canTransition('rolling-back', 'committed')).toBe(false);
  });

  test('recovery: unverified work is rolled back, verified is completed, a rollback is finished, closed ones left alone', () => {
    expect(RECOVERY.applying).toBe('roll-back');
    expect(RECOVERY.verifying).toBe('roll-back');
    expect(RECOVERY.verified).toBe('complete');
    expect(RECOVERY['rolling-back']).toBe('roll-back');
    expect(isTerminal('committed')).toBe(true);
    expect(isTerminal('rolled-back')).toBe(true);
    expect(isTerminal('prepared')).toBe(false);
  });

  test('every state has transitions and a recovery decision; targets are touched only from applying on', () => {
    for (const s of TxState.options) {
      expect(TRANSITIONS[s]).toBeDefined();
      expect(RECOVERY[s]).toBeDefined();
    }
    expect(TARGETS_TOUCHED.has('prepared')).toBe(false);
    expect(TARGETS_TOUCHED.has('applying')).toBe(true);
  });
});
