import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { NotificationRulesService, NotificationTemplatesService } from '@mla/notifications';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateNotificationRuleRequest,
  CreateNotificationTemplateRequest,
  KindParam,
  NotificationRuleResponse,
  NotificationTemplateResponse,
  PreviewTemplateRequest,
  TemplatePreviewResponse,
} from './notification.dto';

const UNAUTHORISED = { status: 401, description: 'Not signed in' };
const FORBIDDEN = { status: 403, description: 'PERMISSION_DENIED: the role may not do this' };

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationSettingsController {
  constructor(
    private readonly rules: NotificationRulesService,
    private readonly templates: NotificationTemplatesService,
  ) {}

  @Get('rules')
  @ApiOperation({
    summary: 'Reminder rules in force',
    description:
      'Each region’s newest rule version within the caller’s region: days before and after a due date, who is told, quiet hours, daily cap per phone.',
  })
  @ApiOkResponse({ type: [NotificationRuleResponse] })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  async listRules(@CurrentActor() actor: Actor): Promise<NotificationRuleResponse[]> {
    return (await this.rules.list(actor)).map((r) => NotificationRuleResponse.from(r));
  }

  @Get('rules/regions/:regionCode/versions')
  @ApiOperation({
    summary: 'A region’s rule versions',
    description: 'Every version of the region’s reminder rule, newest first.',
  })
  @ApiOkResponse({ type: [NotificationRuleResponse] })
  @ApiResponse({ status: 400, description: 'INVALID_REGION_CODE: not a region code' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 404, description: 'NOT_FOUND: the region is outside the caller’s' })
  async ruleVersions(
    @CurrentActor() actor: Actor,
    @Param('regionCode') regionCode: string,
  ): Promise<NotificationRuleResponse[]> {
    return (await this.rules.versions(actor, regionCode)).map((r) => NotificationRuleResponse.from(r));
  }

  @Post('rules')
  @ApiOperation({
    summary: 'Save a new version of a region’s reminder rule',
    description:
      'A new version (numbered per region) from its effective date; older versions stay for the messages written under them. Audited (notification_rule.created). System administrators and federation administrators.',
  })
  @ApiCreatedResponse({ type: NotificationRuleResponse })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED; NOTIFICATION_RULE_INVALID (details: field, min, max); QUIET_HOURS_INVALID; INVALID_REGION_CODE; INVALID_DATE',
  })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 404, description: 'NOT_FOUND: the region is outside the caller’s' })
  async createRule(
    @CurrentActor() actor: Actor,
    @Body() body: CreateNotificationRuleRequest,
  ): Promise<NotificationRuleResponse> {
    return NotificationRuleResponse.from(await this.rules.create(actor, body));
  }

  @Get('templates')
  @ApiOperation({ summary: 'Message templates in use', description: 'The newest version of each kind of message.' })
  @ApiOkResponse({ type: [NotificationTemplateResponse] })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  async listTemplates(@CurrentActor() actor: Actor): Promise<NotificationTemplateResponse[]> {
    return (await this.templates.latest(actor)).map((t) => NotificationTemplateResponse.from(t));
  }

  @Get('templates/:kind/versions')
  @ApiOperation({
    summary: 'A template’s versions',
    description: 'Every version of the kind’s template, newest first.',
  })
  @ApiOkResponse({ type: [NotificationTemplateResponse] })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: kind not a message kind' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  async templateVersions(@CurrentActor() actor: Actor, @Param() p: KindParam): Promise<NotificationTemplateResponse[]> {
    return (await this.templates.versions(actor, p.kind)).map((t) => NotificationTemplateResponse.from(t));
  }

  @Post('templates')
  @ApiOperation({
    summary: 'Save a new version of a template',
    description:
      'The Chinese text of a kind of message with its variables; the newest version is used for messages written from now on. Audited (notification_template.created). System administrators and federation administrators.',
  })
  @ApiCreatedResponse({ type: NotificationTemplateResponse })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED; TEMPLATE_UNKNOWN_VARIABLE (details: variables, allowed)',
  })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  async createTemplate(
    @CurrentActor() actor: Actor,
    @Body() body: CreateNotificationTemplateRequest,
  ): Promise<NotificationTemplateResponse> {
    return NotificationTemplateResponse.from(await this.templates.create(actor, body));
  }

  @Post('templates/:kind/preview')
  @ApiOperation({
    summary: 'Preview a template',
    description:
      'The text a version (default the newest) renders to with the values given (sample values for the others), with its length and SMS segments (70 characters in one, then 67 each). Changes nothing.',
  })
  @ApiCreatedResponse({ type: TemplatePreviewResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: kind, version or values malformed' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 404, description: 'NOTIFICATION_TEMPLATE_NOT_FOUND: no such version' })
  async preview(
    @CurrentActor() actor: Actor,
    @Param() p: KindParam,
    @Body() body: PreviewTemplateRequest,
  ): Promise<TemplatePreviewResponse> {
    const values = body.values
      ? Object.fromEntries(Object.entries(body.values).map(([k, v]) => [k, String(v)]))
      : undefined;
    return TemplatePreviewResponse.from(await this.templates.preview(actor, p.kind, body.version, values));
  }
}
