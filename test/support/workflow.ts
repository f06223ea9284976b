import { DataSource } from 'typeorm';
import { Clock, residentIdCheckCharacter, startOfBusinessDay, LocalDate } from '@mla/core';
import type { ApiHarness } from './api-harness';

/** A valid resident ID: region, birth date, sequence (odd last digit = male), check character. */
export function residentId(birth: string, sequence: string, region = '150221'): string {
  const body = `${region}${birth}${sequence}`;
  return `${body}${residentIdCheckCharacter(body)}`;
}

let sequence = 700;

/**
 * Registers an applicant and walks an application through the federation and employment reviews, so that it waits
 * for the guarantee review (ELIGIBILITY_CONFIRMED). Returns the application id.
 */
export async function eligibleApplication(
  h: ApiHarness,
  amountYuan = '80000.00',
  termMonths = 12,
  repaymentMethod = 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
  applicantName = '张红',
): Promise<string> {
  const [officer, fedadmin, employment] = await Promise.all(
    ['officer', 'fedadmin', 'employment'].map((u) => h.login(u)),
  );
  sequence += 2;
  const reg = await h.http
    .post('/applicants')
    .set('Authorization', officer)
    .send({
      name: applicantName,
      idNumber: residentId('19870707', String(sequence)),
      mobile: '13500135000',
      regionCode: '150221100201',
      householdType: 'RURAL',
      category: 'RURAL_SELF_EMPLOYED',
      businessKind: 'LIVESTOCK',
      employmentStatus: 'FARMER',
    })
    .expect(201);
  const app = await h.http
    .post('/applications')
    .set('Authorization', officer)
    .send({
      applicantId: reg.body.applicant.id,
      bankOrganisationId: h.demo.organisations.rcc.id,
      amountYuan,
      termMonths,
      purpose: 'LIVESTOCK',
      repaymentMethod,
    })
    .expect(201);
  const id = app.body.id as string;
  await h.http.post(`/applications/${id}/submit`).set('Authorization', officer).expect(200);
  await h.http
    .post(`/applications/${id}/field-visits`)
    .set('Authorization', fedadmin)
    // A visit is dated between the application and today (the suite's clock).
    .send({ visitDate: h.app.get(Clock).today().toString(), findings: '养殖场经营正常' })
    .expect(201);
  for (const [token, step] of [
    [fedadmin, 'FEDERATION_REVIEW'],
    [employment, 'EMPLOYMENT_REVIEW'],
  ]) {
    await h.http
      .post(`/applications/${id}/decisions`)
      .set('Authorization', token)
      .send({ step, decision: 'APPROVE' })
      .expect(200);
  }
  return id;
}

/** Approval date given to the applications of `approvedApplication`: before every signing date the suites use. */
export const APPROVED_ON = '2025-01-02';

/**
 * Walks an application to APPROVED with five demo users (officer, fedadmin, employment, guarantee, bank): the
 * guarantee review issues a guarantee from the given fund (the demo county's by default). Returns the id.
 *
 * The suites replay loans signed in the past (a contract may not be signed before its application's approval), so
 * the approval is then dated `approvedOn` (history the API cannot write: it approves at the clock's now).
 */
export async function approvedApplication(
  h: ApiHarness,
  amountYuan = '80000.00',
  termMonths = 12,
  repaymentMethod = 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
  fundId?: string,
  approvedOn = APPROVED_ON,
  applicantName?: string,
): Promise<string> {
  const id = await eligibleApplication(h, amountYuan, termMonths, repaymentMethod, applicantName);
  const [guarantee, bank] = await Promise.all(['guarantee', 'bank'].map((u) => h.login(u)));
  await h.http
    .post(`/guarantee-funds/${fundId ?? h.demo.fund.id}/guarantees`)
    .set('Authorization', guarantee)
    .send({ applicationId: id })
    .expect(201);
  await h.http
    .post(`/applications/${id}/decisions`)
    .set('Authorization', bank)
    .send({ step: 'BANK_REVIEW', decision: 'APPROVE' })
    .expect(200);
  await h.app
    .get(DataSource)
    .query(`UPDATE loan_applications SET step_entered_at = $2 WHERE id = $1 AND status = 'APPROVED'`, [
      id,
      startOfBusinessDay(LocalDate.parse(approvedOn)),
    ]);
  return id;
}
