import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import {
  ENTITIES,
  MIGRATIONS,
  buildDataSourceOptions,
  createScratchDatabase,
  dropDatabase,
  pendingSchemaChanges,
  runMigrationsWithLock,
} from '@mla/database';
import { testServerUrl } from '../../../test/support/test-servers';

/** An entity no migration creates: stands for "a developer changed an entity and forgot the migration". */
@Entity({ name: 'drift_probe' })
class DriftProbe {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint' }) amountFen: string;
}

describe('migrations', () => {
  let url: string;
  const open: DataSource[] = [];

  const connect = async (extraEntities: unknown[] = []) => {
    const options = buildDataSourceOptions({ url, poolSize: 3 });
    const ds = new DataSource({ ...options, entities: [...ENTITIES, ...(extraEntities as never[])] } as typeof options);
    await ds.initialize();
    open.push(ds);
    return ds;
  };

  beforeAll(async () => {
    url = await createScratchDatabase(testServerUrl(), 'mla_test_migrations');
  });

  afterAll(async () => {
    await Promise.all(open.map((ds) => ds.destroy()));
    await dropDatabase(url);
  });

  it('apply on an empty database exactly once, even when two processes boot together', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const [ra, rb] = await Promise.all([runMigrationsWithLock(a), runMigrationsWithLock(b)]);
    expect([...ra.applied, ...rb.applied].sort()).toEqual(MIGRATIONS.map((m) => new m().name ?? m.name).sort());
    // One of them did all the work; the other waited for the lock and found nothing to do.
    expect([ra.applied.length, rb.applied.length].sort()).toEqual([0, MIGRATIONS.length]);
    const rows = (await a.query('SELECT count(*)::int AS n FROM schema_migrations')) as { n: number }[];
    expect(rows[0].n).toBe(MIGRATIONS.length);
  });

  it('match the entities (no drift)', async () => {
    expect(await pendingSchemaChanges(await connect())).toEqual([]);
  });

  it('drift check fails when an entity changes without a migration', async () => {
    const drift = await pendingSchemaChanges(await connect([DriftProbe]));
    expect(drift.join('\n')).toContain('CREATE TABLE "drift_probe"');
    expect(drift.join('\n')).toContain('"amount_fen" bigint NOT NULL');
  });
});
