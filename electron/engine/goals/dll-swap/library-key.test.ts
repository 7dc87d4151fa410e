import { expect, test } from 'vitest';
import { cudnnArchiveCudaMajor, cudnnArchiveVersion, cudnnVersionToInt, libraryKey } from './library-key.js';

test('library keys: Windows names as they are, Linux SONAME majors without auditwheel hashes', () => {
  expect(libraryKey('cudnn_cnn_infer64_8.dll')).toBe('cudnn_cnn_infer64_8.dll');
  expect(libraryKey('cublasLt64_12.dll')).toBe('cublaslt64_12.dll');
  expect(libraryKey('libcudart-e409450e.so.11.0')).toBe('libcudart.so.11');
  expect(libraryKey('libcudart.so.12.1.105')).toBe('libcudart.so.12');
  expect(libraryKey('libcublasLt.so.12')).toBe('libcublaslt.so.12');
  expect(libraryKey('libcudnn.so')).toBeNull();
});

test('cuDNN archive names and version integers', () => {
  expect(cudnnArchiveCudaMajor('cudnn-windows-x86_64-8.9.7.29_cuda12-archive')).toBe(12);
  expect(cudnnArchiveCudaMajor('cudnn-linux-x86_64-9.1.0.70_cuda11-archive')).toBe(11);
  expect(cudnnArchiveCudaMajor('my cudnn')).toBeNull();
  expect(cudnnArchiveVersion('cudnn-windows-x86_64-8.9.7.29_cuda12-archive')).toBe('8.9.7');
  expect(cudnnVersionToInt('8.9.7')).toBe(8907);
  expect(cudnnVersionToInt('9.1.0')).toBe(90100);
  expect(cudnnVersionToInt('9.10.2')).toBe(91002);
});
