import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserService, type Actor } from '@mla/auth';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateUserRequest,
  ListUsersQuery,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserPage,
  UserResponse,
} from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListUsersQuery): Promise<UserPage> {
    const page = await this.users.list(
      actor,
      { organisationId: q.organisationId, role: q.role, status: q.status },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map(UserResponse.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<UserResponse> {
    return UserResponse.from(await this.users.get(actor, id));
  }

  @Post()
  @ApiOkResponse({ type: UserResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserRequest): Promise<UserResponse> {
    return UserResponse.from(await this.users.create(actor, body));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<UserResponse> {
    return UserResponse.from(await this.users.update(actor, id, body));
  }

  @Post(':id/password-reset')
  @HttpCode(204)
  @ApiNoContentResponse()
  async resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResetPasswordRequest,
  ): Promise<void> {
    await this.users.resetPassword(actor, id, body.newPassword);
  }
}
