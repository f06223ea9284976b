import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  Organisation,
  OrganisationKind,
  OrganisationService,
  Region,
  RegionService,
  Role,
  SYSTEM_ADMIN_ACTOR,
  User,
  UserService,
} from '@mla/auth';
import { Clock, LocalDate } from '@mla/core';
import { EntryKind, FundService, GuaranteeFund, LedgerService } from '@mla/guarantee-funds';
import { PolicySeeder } from '@mla/loan-policies';

/** A password every demo user shares; printed by the quickstart. Never used outside the demo. */
export const DEMO_PASSWORD = 'Demo-2026-pass';

const REGIONS = [
  { code: '150000', name: '内蒙古自治区' },
  { code: '150200', name: '包头市' },
  { code: '150221', name: '土默特右旗' },
  { code: '150222', name: '固阳县' },
];

type OrgKey = 'operator' | 'federation' | 'federation2' | 'employment' | 'guarantee' | 'rcc' | 'psbc' | 'finance';

const ORGANISATIONS: Record<OrgKey, { name: string; kind: OrganisationKind; regionCode: string }> = {
  operator: { name: '系统运营中心', kind: OrganisationKind.OPERATOR, regionCode: '150000' },
  federation: { name: '土默特右旗妇女联合会', kind: OrganisationKind.WOMENS_FEDERATION, regionCode: '150221' },
  federation2: { name: '固阳县妇女联合会', kind: OrganisationKind.WOMENS_FEDERATION, regionCode: '150222' },
  employment: {
    name: '土默特右旗人力资源和社会保障局',
    kind: OrganisationKind.EMPLOYMENT_BUREAU,
    regionCode: '150221',
  },
  guarantee: {
    name: '土默特右旗创业担保贷款担保基金中心',
    kind: OrganisationKind.GUARANTEE_AGENCY,
    regionCode: '150221',
  },
  rcc: { name: '土默特右旗农村信用合作联社', kind: OrganisationKind.BANK_BRANCH, regionCode: '150221' },
  psbc: { name: '中国邮政储蓄银行土默特右旗支行', kind: OrganisationKind.BANK_BRANCH, regionCode: '150221' },
  finance: { name: '土默特右旗财政局', kind: OrganisationKind.FINANCE_BUREAU, regionCode: '150221' },
};

const USERS: { username: string; displayName: string; org: OrgKey; roles: Role[] }[] = [
  { username: 'admin', displayName: '系统管理员', org: 'operator', roles: [Role.SYSTEM_ADMIN] },
  { username: 'auditor', displayName: '审计员', org: 'operator', roles: [Role.AUDITOR] },
  { username: 'officer', displayName: '王芳(信贷专干)', org: 'federation', roles: [Role.LOAN_OFFICER] },
  { username: 'fedadmin', displayName: '刘敏(妇联)', org: 'federation', roles: [Role.FEDERATION_ADMIN] },
  { username: 'officer2', displayName: '赵丽(固阳信贷专干)', org: 'federation2', roles: [Role.LOAN_OFFICER] },
  { username: 'employment', displayName: '张强(人社局)', org: 'employment', roles: [Role.EMPLOYMENT_REVIEWER] },
  { username: 'guarantee', displayName: '陈静(担保中心)', org: 'guarantee', roles: [Role.GUARANTEE_OPERATOR] },
  { username: 'bank', displayName: '李娜(农信社)', org: 'rcc', roles: [Role.BANK_OFFICER] },
  { username: 'bank2', displayName: '周洁(邮储银行)', org: 'psbc', roles: [Role.BANK_OFFICER] },
  { username: 'finance', displayName: '孙磊(财政局)', org: 'finance', roles: [Role.FINANCE_REVIEWER] },
];

/** The county's guarantee fund: 5,000,000 deposited, 5× leverage (10× after a year repaid ≥ 90% at maturity). */
const DEMO_FUND = {
  code: 'TMYQ',
  name: '土默特右旗创业担保贷款担保基金',
  sponsor: '土默特右旗财政局',
  regionCode: '150221',
  depositBankName: '土默特右旗农村信用合作联社',
  depositAccountNumber: '150221012000008888',
  contributionYuan: '5000000.00',
};

export interface DemoData {
  organisations: Record<OrgKey, Organisation>;
  fund: GuaranteeFund;
  users: Record<string, User>;
  logins: { username: string; password: string; role: string; organisation: string }[];
}

/** Seeds (idempotently) the demo county: a federation, two banks, a finance bureau and their users. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionService,
    private readonly organisations: OrganisationService,
    private readonly users: UserService,
    private readonly policySeeder: PolicySeeder,
    private readonly funds: FundService,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<DemoData> {
    const m = this.dataSource.manager;
    for (const region of REGIONS) {
      if (!(await m.findOne(Region, { where: { code: region.code } })))
        await this.regions.create(SYSTEM_ADMIN_ACTOR, region);
    }
    const orgs = {} as Record<OrgKey, Organisation>;
    for (const [key, spec] of Object.entries(ORGANISATIONS) as [OrgKey, (typeof ORGANISATIONS)[OrgKey]][]) {
      orgs[key] =
        (await m.findOne(Organisation, { where: { name: spec.name, regionCode: spec.regionCode } })) ??
        (await this.organisations.create(SYSTEM_ADMIN_ACTOR, spec));
    }
    const users: Record<string, User> = {};
    for (const spec of USERS) {
      users[spec.username] =
        (await m.findOne(User, { where: { username: spec.username } })) ??
        (await this.users.create(SYSTEM_ADMIN_ACTOR, {
          username: spec.username,
          displayName: spec.displayName,
          password: DEMO_PASSWORD,
          organisationId: orgs[spec.org].id,
          roles: spec.roles,
        }));
    }
    await this.policySeeder.seed();
    const fund = await this.seedFund(orgs.guarantee, users.guarantee);
    return {
      organisations: orgs,
      fund,
      users,
      logins: USERS.map((u) => ({
        username: u.username,
        password: DEMO_PASSWORD,
        role: u.roles.join(','),
        organisation: orgs[u.org].name,
      })),
    };
  }

  private async seedFund(agency: Organisation, operator: User): Promise<GuaranteeFund> {
    const existing = await this.dataSource.manager.findOne(GuaranteeFund, { where: { code: DEMO_FUND.code } });
    if (existing) return existing;
    const { contributionYuan, ...spec } = DEMO_FUND;
    const fund = await this.funds.create(SYSTEM_ADMIN_ACTOR, { ...spec, agencyOrganisationId: agency.id });
    const actor = {
      userId: operator.id,
      username: operator.username,
      displayName: operator.displayName,
      organisationId: agency.id,
      organisationKind: agency.kind,
      regionCode: agency.regionCode,
      organisationIds: [agency.id],
      roles: [Role.GUARANTEE_OPERATOR],
    };
    await this.ledger.book(actor, fund.id, {
      kind: EntryKind.CONTRIBUTION,
      amountYuan: contributionYuan,
      // 2 January of this year; on New Year's Day that is still ahead, and a booking may not be.
      valueDate: LocalDate.min(LocalDate.of(this.clock.today().year, 1, 2), this.clock.today()).toString(),
      documentReference: '土财发〔2026〕1号',
      memo: '县财政注入担保基金',
    });
    return fund;
  }
}
