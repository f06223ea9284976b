/** Codes the HTTP layer answers itself: refusals of a request before any use case sees it. */
export enum ApiErrorCode {
  /** The body is larger than the route accepts. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** The body's content type is not one the route reads. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  /** An uploaded file (streamed body) is larger than the route accepts. */
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  /** A file upload sent as JSON instead of the file itself. */
  FILE_EXPECTED = 'FILE_EXPECTED',
  /** GET /reference/enums/{name} for a list that does not exist. */
  ENUM_LIST_NOT_FOUND = 'ENUM_LIST_NOT_FOUND',
}
