import { Module } from '@nestjs/common';
import { DelegatedRoutesController } from './delegated-routes.controller';

@Module({ controllers: [DelegatedRoutesController] })
export class DelegatedRoutesModule {}
