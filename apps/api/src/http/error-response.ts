import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from './error-codes';

/** The one error shape of the API. */
export class ErrorResponse {
  @ApiProperty({ example: 422 })
  statusCode: number;

  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description: 'Stable machine-readable code, from the error-code enum of the context that refused the request',
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
  })
  code: string;

  @ApiProperty({
    example: '「username」不能为空',
    description:
      'For the user: Simplified Chinese unless Accept-Language prefers English (the Content-Language header says ' +
      'which). The template of every code is at GET /reference/error-codes. Do not parse it: key on code and details',
  })
  message: string;

  @ApiPropertyOptional({
    description:
      'What is wrong and where (fields, limits), the same in every language; for VALIDATION_FAILED ' +
      '`[{ field, problems, rules }]`, with problems in the negotiated language and rules the stable names of the ' +
      'broken checks (isNotEmpty, maxLength, whitelistValidation, …)',
  })
  details?: unknown;

  @ApiProperty({ example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', description: 'Matches the server log line' })
  requestId: string;
}
