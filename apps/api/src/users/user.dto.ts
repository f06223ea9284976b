import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { Role, type User } from '@mla/auth';
import { PageQueryDto } from '../common/page-query.dto';

export class CreateUserRequest {
  @ApiProperty({ example: 'li.hua' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: '李华' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ description: 'At least 10 characters with letters and digits' })
  @IsString()
  @MaxLength(256)
  password: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: Role, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiPropertyOptional({
    description: 'Work mobile (11 digits); stored encrypted, answered masked',
    example: '13500135000',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: Role, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ enum: ['ACTIVE', 'DISABLED'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'DISABLED'])
  status?: 'ACTIVE' | 'DISABLED';

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'A new work mobile (11 digits); null or empty removes it. Stored encrypted, answered masked',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string | null;
}

export class ResetPasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class ListUsersQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'DISABLED'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'DISABLED'])
  status?: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Work mobile, masked (135****5000)' })
  phoneMasked: string | null;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty() createdAt: string;

  static from(u: User): UserResponse {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      organisationId: u.organisationId,
      roles: u.roles,
      status: u.status,
      phoneMasked: u.phoneMasked ?? null,
      lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
      createdAt: new Date(u.createdAt).toISOString(),
    };
  }
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
