import { Field, Int, ObjectType } from 'type-graphql';
import { MerchantProfile } from './merchant-profile.entity.js';
import { User } from './user.entity.js';

/** Numbered pages for the admin lists (the web app links to page n; the filters live in its URL). */
export const DIRECTORY_PAGE_SIZE = 20;

@ObjectType({ description: 'One page of users, for administrators.' })
export class UserPage {
  @Field(() => [User]) items!: User[];
  @Field(() => Int) page!: number;
  @Field(() => Int) pageSize!: number;
  @Field(() => Int) totalCount!: number;
  @Field(() => Int) totalPages!: number;
}

@ObjectType({ description: 'One page of merchants and their return policies, for administrators.' })
export class MerchantPage {
  @Field(() => [MerchantProfile]) items!: MerchantProfile[];
  @Field(() => Int) page!: number;
  @Field(() => Int) pageSize!: number;
  @Field(() => Int) totalCount!: number;
  @Field(() => Int) totalPages!: number;
}

/** A missing, invalid or out-of-range page becomes page 1 (as in the ops queue). */
export function pageWindow(requested: number | null | undefined, totalCount: number): { page: number; totalPages: number; offset: number } {
  const totalPages = Math.max(1, Math.ceil(totalCount / DIRECTORY_PAGE_SIZE));
  const page = requested !== null && requested !== undefined && Number.isInteger(requested) && requested >= 1 && requested <= totalPages ? requested : 1;
  return { page, totalPages, offset: (page - 1) * DIRECTORY_PAGE_SIZE };
}

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
