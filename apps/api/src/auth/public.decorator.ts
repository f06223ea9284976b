import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'mla:isPublic';

/** Marks a route that needs no access token (login, health). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
