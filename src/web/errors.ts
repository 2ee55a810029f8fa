/** An error whose message is safe to show to the user, with the HTTP status to answer with. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number = 500,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request itself is malformed. */
export class BadRequestError extends AppError {
  constructor(message = 'errors.badRequest') {
    super(message, 400);
  }
}

/** 401: no valid credentials. */
export class UnauthorizedError extends AppError {
  constructor(message = 'errors.unauthorized') {
    super(message, 401);
  }
}

/** 403: signed in, but not allowed. */
export class ForbiddenError extends AppError {
  constructor(message = 'errors.forbidden') {
    super(message, 403);
  }
}

/** 404: nothing here, or nothing the caller may know about. */
export class NotFoundError extends AppError {
  constructor(message = 'errors.notFound') {
    super(message, 404);
  }
}

/** 409: the change clashes with the current state. */
export class ConflictError extends AppError {
  constructor(message = 'errors.conflict') {
    super(message, 409);
  }
}

/** Field name → message key (or plain message). */
export type FieldErrors = Record<string, string>;

/** 422: the input was understood but some fields are invalid. */
export class ValidationError extends AppError {
  constructor(
    readonly fields: FieldErrors,
    message = 'errors.validation',
  ) {
    super(message, 422);
  }
}
