/** A stored file's content type follows from its extension (server/adapters/file-types.ts). */
import { checkContentType, contentTypeOf, FALLBACK_CONTENT_TYPE } from '../../server/adapters/file-types';
import { UPLOAD_EXTENSIONS } from '../../miniprogram/domain/files';

it('every extension an upload slot may have has a content type of its own (.heic included)', () => {
  const without = UPLOAD_EXTENSIONS.filter((extension) => contentTypeOf(`a/b.${extension}`) === FALLBACK_CONTENT_TYPE);
  expect(without).toEqual([]);
  expect(contentTypeOf('visits/case-1/photo.HEIC')).toBe('image/heic');
});

it('a content type that disagrees with the name is refused; an unknown name is octet-stream', () => {
  expect(checkContentType('a/photo.heic', 'image/heic')).toBe('image/heic');
  expect(() => checkContentType('a/photo.heic', 'image/jpeg')).toThrow(/does not match/);
  expect(contentTypeOf('a/file.unknown')).toBe(FALLBACK_CONTENT_TYPE);
});
