import { expect, test } from 'vitest';
import { cudnnArchiveCudaMajor, cudnnArchiveVersion, cudnnVersionToInt } from './cudnn-archive.js';

test('cuDNN archive names and version integers', () => {
  expect(cudnnArchiveCudaMajor('cudnn-windows-x86_64-8.9.7.29_cuda12-archive')).toBe(12);
  expect(cudnnArchiveCudaMajor('cudnn-linux-x86_64-9.1.0.70_cuda11-archive')).toBe(11);
  expect(cudnnArchiveCudaMajor('my cudnn')).toBeNull();
  expect(cudnnArchiveVersion('cudnn-windows-x86_64-8.9.7.29_cuda12-archive')).toBe('8.9.7');
  expect(cudnnVersionToInt('8.9.7')).toBe(8907);
  expect(cudnnVersionToInt('9.1.0')).toBe(90100);
  expect(cudnnVersionToInt('9.10.2')).toBe(91002);
});
