// Upload limits, apart from the schemas so that a page can know them without loading zod.

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** A passport page needs a few megapixels; a small file can claim billions and cost gigabytes to decode. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const UPLOAD_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;
