import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One row per month: the last case number handed out (see case-number.ts). */
@Entity({ tableName: 'case_number_counters' })
export class CaseNumberCounter {
  @PrimaryKey({ type: 'character', length: 4 })
  period!: string;

  @Property({ type: 'integer' })
  lastValue!: number;
}
