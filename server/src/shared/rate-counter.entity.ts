import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One fixed-window counter (sign-in throttles, the mutation rate limit), kept in PostgreSQL so every API replica
 * counts against the same number. Written only through `RateCounters` (one atomic upsert per hit).
 */
@Entity({ tableName: 'rate_limit_counters' })
export class RateCounter {
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'integer' })
  hits!: number;

  @Index()
  @Property({ type: 'timestamptz' })
  windowEndsAt!: Date;
}
