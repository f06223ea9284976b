import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditQueryService, type Actor } from '@mla/auth';
import { CurrentActor } from '../auth/current-actor.decorator';
import { AuditEntryResponse, AuditPage, ListAuditQuery } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOkResponse({ type: AuditPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListAuditQuery): Promise<AuditPage> {
    const page = await this.audit.list(
      actor,
      {
        actorUserId: q.actorUserId,
        action: q.action,
        entityType: q.entityType,
        entityId: q.entityId,
        requestId: q.requestId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map(AuditEntryResponse.from), nextCursor: page.nextCursor };
  }
}
