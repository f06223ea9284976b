// The schedule engine (pure: also used before a loan exists).
export * from './schedule/schedule-types';
export * from './schedule/schedule-errors';
export * from './schedule/conventions';
export * from './schedule/build-schedule';
export * from './errors';
export * from './entities';
export * from './loans.module';
// Contracts: the loan and its installments, signing, reading, and the ports other contexts use.
export * from './contracts/loan-status';
export * from './contracts/loan.entity';
export * from './contracts/installment.entity';
export * from './contracts/loan-summary';
export * from './contracts/loan-signing.service';
export * from './contracts/loan-query.service';
export * from './contracts/loan-events';
export * from './contracts/loan-exposure';
export * from './contracts/loan-lookup';
export * from './contracts/subsidy-facts.port';
export * from './contracts/reminder-facts.port';
// Disbursement: one recorded by an officer, or the bank's confirmations.
export * from './disbursement/disbursement.service';
// Servicing: posting and reversal, payoff, prepayment, extension and the nightly close.
export * from './servicing/allocate-repayment';
export * from './servicing/penalty';
export * from './servicing/loan-ledger';
export * from './servicing/loan-replay';
export * from './servicing/loan-ledger-rows';
export * from './servicing/repayment.entity';
export * from './servicing/repayment-allocation.entity';
export * from './servicing/posting-input';
export * from './servicing/posting.service';
// Back-dated repayments wait for a second person (maker-checker).
export * from './servicing/backdated-posting-request.entity';
export * from './servicing/backdated-posting.service';
export * from './servicing/loan-posting.port';
export * from './servicing/payoff';
export * from './servicing/payoff.service';
export * from './servicing/prepayment';
export * from './servicing/prepayment.service';
export * from './servicing/loan-extension.service';
export * from './servicing/daily-close.service';
// The nightly close's runs, its extension steps (other contexts register theirs), and the administrators' use case.
export * from './daily-close/daily-close-run-status';
export * from './daily-close/daily-close-run.entity';
export * from './daily-close/daily-close-steps';
export * from './daily-close/daily-close-runs.service';
// Follow-up and collection: contacts with borrowers, the officers' call list.
export * from './contacts/contact-enums';
export * from './contacts/loan-contact.entity';
export * from './contacts/loan-contacts.service';
export * from './collections/call-list-contact-sources';
export * from './collections/call-list.service';
export * from './collections/late-loans-digest.service';
// For the daily-close benchmark, which runs the set-based statements alone on a scratch database.
export * from './servicing/daily-close.repository';
// Post-loan follow-ups (回访, 就业核查): what the subsidy reads of the borrower's business.
export * from './follow-ups/follow-up-kinds';
export * from './follow-ups/loan-follow-up.entity';
export * from './follow-ups/loan-follow-up.service';
export * from './messages';
