import { Writable } from 'node:stream';
import { RequestContext, createLogger } from '@mla/core';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', 'test', stream) };
}

describe('createLogger', () => {
  it('writes JSON with the request id and user of the current request', () => {
    const { lines, logger } = capture();
    RequestContext.run({ requestId: 'req-123' }, () => {
      RequestContext.setActor({ userId: 'u-1', username: 'officer', organisationId: 'o-1' });
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'req-123', userId: 'u-1', app: 'test' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('redacts personal data and secrets wherever they appear', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'hunter2',
        applicant: { idNumber: '11010519491231002X', mobile: '13800138000', name: 'kept' },
        body: { spouse: { bankAccount: '6228480402564890018' } },
        req: { headers: { authorization: 'Bearer abc' } },
      },
      'with secrets',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['hunter2', '11010519491231002X', '13800138000', '6228480402564890018', 'Bearer abc']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('kept');
    expect(text).toContain('[redacted]');
  });
});
