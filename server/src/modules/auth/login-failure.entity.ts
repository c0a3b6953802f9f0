import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** One failed sign-in, kept for throttling by account and by address. */
@Entity({ tableName: 'login_failures' })
@Index({ properties: ['username', 'occurredAt'] })
@Index({ properties: ['address', 'occurredAt'] })
export class LoginFailure {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string & Opt;

  @Property({ type: 'string', length: 64 })
  username!: string;

  @Property({ type: 'string', length: 64 })
  address!: string;

  @Property({ type: 'timestamptz' })
  occurredAt: Date & Opt = new Date();
}
