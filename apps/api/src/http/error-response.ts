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

  @ApiProperty({ example: 'username should not be empty' })
  message: string;

  @ApiPropertyOptional({ description: 'What is wrong and where (fields, limits)' })
  details?: unknown;

  @ApiProperty({ example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', description: 'Matches the server log line' })
  requestId: string;
}
