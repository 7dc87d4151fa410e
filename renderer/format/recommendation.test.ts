import { describe, expect, it } from 'vitest';
import { readRecommendation, reasonKey } from './recommendation.js';

describe('readRecommendation', () => {
  it('reads the recommend engine shape', () => {
    const view = readRecommendation({
      status: 'ok',
      best: { torch: '2.3.1+cu121', torchvision: '0.18.1+cu121', xformers: '0.0.27', cudaTag: 'cu121', indexUrl: 'https://download.pytorch.org/whl/cu121', pipCommand: ['install', 'torch==2.3.1'], unconfirmed: false },
      alternatives: [{ torch: '2.5.1+cu121', torchvision: '0.20.1+cu121', xformers: null, cudaTag: 'cu121', indexUrl: 'x', pipCommand: [], unconfirmed: true }],
      rejected: [{ target: 'torch 2.9.1+cu130', reason: { code: 'needs-driver', params: { cuda: '13.0' } }, message: 'cu130 needs driver ≥ 580; you have 546.33' }],
      unconfirmed: false,
      notes: [],
    });
    expect(view?.best?.torch).toBe('2.3.1+cu121');
    expect(view?.best?.pipCommand).toEqual(['install', 'torch==2.3.1']);
    expect(view?.alternatives[0]?.unconfirmed).toBe(true);
    expect(view?.best?.cudaTag).toBe('cu121');
    expect(view?.driverUpgrade).toBeNull();
    expect(view?.rejected).toEqual([{ target: 'torch 2.9.1+cu130', reason: 'cu130 needs driver ≥ 580; you have 546.33', code: 'needs-driver', params: { cuda: '13.0' } }]);
  });

  it('falls back to the reason code and params when there is no message', () => {
    const view = readRecommendation({ status: 'driver-update-needed', best: null, rejected: [{ target: 't', reason: { code: 'needs-driver', params: { minDriver: '520.06' } } }] });
    expect(view?.rejected[0]?.reason).toBe('needs-driver: minDriver=520.06');
    expect(view?.best).toBeNull();
  });

  it('reads the driver that would unlock a better build', () => {
    const view = readRecommendation({
      status: 'driver-update-needed', best: null, alternatives: [], rejected: [], unconfirmed: false, notes: [{ code: 'no-driver', params: {}, message: 'note' }],
      driverUpgrade: { minDriver: '520.06', cuda: '11.8', target: { torch: '2.1.2+cu118', cuda: '11.8', cudaTag: 'cu118' }, smallest: null },
    });
    expect(view?.driverUpgrade).toEqual({ minDriver: '520.06', cuda: '11.8', torch: '2.1.2+cu118' });
    expect(view?.notes).toEqual(['note']);
  });

  it('answers null for junk instead of throwing', () => {
    expect(readRecommendation(null)).toBeNull();
    expect(readRecommendation('x')).toBeNull();
    expect(readRecommendation({ best: { torch: 42 }, alternatives: 'no' })).toBeNull();
  });
});

describe('reasonKey', () => {
  it('words a known code with complete params', () => {
    const params = { tag: 'cu130', minDriver: '580', have: '546.33' };
    expect(reasonKey({ code: 'needs-driver', params })).toEqual({ key: 'diagnosis.recommendation.reasons.needs-driver', params });
  });
  it('leaves unknown codes and missing params to the engine text', () => {
    expect(reasonKey({ code: 'needs-driver', params: { minDriver: '580' } })).toBeNull();
    expect(reasonKey({ code: 'known-issue', params: {} })).toBeNull();
    expect(reasonKey({ code: null, params: {} })).toBeNull();
  });
});
