import type { RequestHandler } from 'express';
import multer from 'multer';
import { verifyCsrfAfterUpload } from './csrf.js';
import { AppError, ValidationError } from './errors.js';

/**
 * Accept one uploaded file (kept in memory) with a size limit and allowed types, then check the
 * form's CSRF token. Every multipart route must go through this: the global CSRF check skips them.
 */
export function acceptUpload(field: string, options: { maxBytes: number; types: readonly string[] }): RequestHandler[] {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send file names as raw UTF-8 (RFC 7578); multer would read them as Latin-1.
    defParamCharset: 'utf8',
    limits: { fileSize: options.maxBytes, files: 1, fields: 50 },
    fileFilter: (_req, file, callback) => {
      if (options.types.includes(file.mimetype)) return callback(null, true);
      callback(new ValidationError({ [field]: 'upload.wrongType' }));
    },
  }).single(field);
  const parse: RequestHandler = (req, res, next) =>
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        return next(error.code === 'LIMIT_FILE_SIZE' ? new ValidationError({ [field]: 'upload.tooLarge' }) : new AppError('errors.badRequest', 400));
      }
      next(error);
    });
  return [parse, verifyCsrfAfterUpload];
}
