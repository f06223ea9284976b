import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { labelOf, NotFoundError, templatesOf, type LabelCatalogue, type Language } from '@mla/core';
import { ApiErrorCode } from '../http/api-error-code';
import { ERROR_CODES } from '../http/error-codes';
import { messagesFor } from '../http/error-messages';
import { ErrorResponse } from '../http/error-response';
import { RequestLanguage } from '../http/request-language.decorator';
import { ENUM_LIST_NAMES, ENUM_LISTS, isEnumListName, type EnumListName } from './enum-lists';
import { EnumListResponse, ErrorCodeMessageResponse } from './reference.dto';

const LANGUAGE_NOTE =
  'Labels and messages are in zh-CN unless Accept-Language prefers English (e.g. `en`, `en-US`, ' +
  '`en;q=0.9,zh;q=0.8`); the answer says which in Content-Language.';

function listOf(name: EnumListName, language: Language): EnumListResponse {
  const labels: LabelCatalogue<string> = ENUM_LISTS[name];
  return { name, values: Object.keys(labels).map((value) => ({ value, label: labelOf(labels, value, language) })) };
}

/**
 * Reference data for the console: the labels of every fixed list and the message of every error code, in the
 * language asked for. Open to any signed-in user (every role reads it to show its screens); nothing in it is
 * confidential, but the API has no anonymous surface beyond login and health.
 */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  @Get('enums')
  @ApiOperation({
    summary: 'Labels of every fixed list',
    description: `Every fixed list users see (statuses, methods, channels, kinds, roles…) with a label per value. ${LANGUAGE_NOTE}`,
  })
  @ApiOkResponse({ type: [EnumListResponse] })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'TOKEN_INVALID: not signed in' })
  enums(@RequestLanguage() language: Language): EnumListResponse[] {
    return ENUM_LIST_NAMES.map((name) => listOf(name, language));
  }

  @Get('enums/:name')
  @ApiOperation({
    summary: 'Labels of one fixed list',
    description: `One list by name, e.g. LoanStatus. ${LANGUAGE_NOTE}`,
  })
  @ApiParam({ name: 'name', enum: ENUM_LIST_NAMES, enumName: 'EnumListName' })
  @ApiOkResponse({ type: EnumListResponse })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'TOKEN_INVALID: not signed in' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'NOT_FOUND: there is no list of that name' })
  enum(@RequestLanguage() language: Language, @Param('name') name: string): EnumListResponse {
    if (!isEnumListName(name)) {
      throw new NotFoundError(ApiErrorCode.ENUM_LIST_NOT_FOUND, `There is no list ${name}`, { field: 'name' });
    }
    return listOf(name, language);
  }

  @Get('error-codes')
  @ApiOperation({
    summary: 'The message of every error code',
    description:
      'Every code an error response may carry, with its message template: `{name}` placeholders are filled from ' +
      'the details of the error, and when the details lack a value the first fallback that needs none is shown. ' +
      LANGUAGE_NOTE,
  })
  @ApiOkResponse({ type: [ErrorCodeMessageResponse] })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'TOKEN_INVALID: not signed in' })
  errorCodes(@RequestLanguage() language: Language): ErrorCodeMessageResponse[] {
    return ERROR_CODES.map((code) => {
      const [template, ...fallbacks] = templatesOf(messagesFor(code), language);
      return { code, template, fallbacks };
    });
  }
}
