import type { RequestHandler } from 'express';
import multer from 'multer';
import { cleanBody } from './control-chars.js';
import { csrfError, hasValidCsrf } from './csrf.js';
import { AppError, ValidationError } from './errors.js';

/** Marks the handlers of `acceptUpload`, so the route table knows which routes parse multipart bodies. */
export const TAKES_UPLOAD = Symbol('takes upload');

/**
 * Accept one uploaded file (kept in memory) with a size limit and allowed types. The form's CSRF token
 * (its `_csrf` field, which forms put before the file) is checked when the file starts, before any of it
 * is kept, and again once the form is read, for forms sent without a file.
 */
export function acceptUpload(field: string, options: { maxBytes: number; types: readonly string[] }): RequestHandler[] {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send file names as raw UTF-8 (RFC 7578); multer would read them as Latin-1.
    defParamCharset: 'utf8',
    limits: { fileSize: options.maxBytes, files: 1, fields: 50 },
    fileFilter: (req, file, callback) => {
      if (!hasValidCsrf(req)) return callback(csrfError());
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
  const verify: RequestHandler = (req, res, next) => {
    req.body ??= {};
    if (!hasValidCsrf(req)) return next(csrfError());
    cleanBody(req, res, next);
  };
  return [Object.assign(parse, { [TAKES_UPLOAD]: true }), verify];
}
