import { LprRate } from './lpr/lpr-rate.entity';
import { LoanPolicy } from './policies/loan-policy.entity';

export const LOANS_ENTITIES = [LoanPolicy, LprRate];
