import { type EntityClass, type EntityData, type EntityProperty, ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * New rows written in ONE statement (data-modifying CTEs) instead of one INSERT per table through the unit of work,
 * for the few writes that must stay within a statement budget (opening a case). The SQL is derived from entity
 * metadata — as plain-rows.ts does for reads — so a column added to an entity is written here with no other change.
 *
 * The rows are entities made with `newRow` (the entity's initializers applied, not persisted): the unit of work never
 * sees them, so they are written once, by the statement.
 */

/**
 * A new entity with its initializers and `onCreate` hooks applied (as the unit of work would before an insert), which
 * the unit of work will not write (see `insertCtes`).
 */
export function newRow<T extends object>(em: EntityManager, entity: EntityClass<T>, data: EntityData<T>): T {
  const row = em.create(entity, data as never, { persist: false });
  const values = row as Record<string, unknown>;
  for (const prop of em.getMetadata().get(entity.name).props) {
    if (prop.onCreate && values[prop.name] === undefined) values[prop.name] = prop.onCreate(row, em);
  }
  return row;
}

/** One CTE: its name, and the new rows of one entity it inserts (`returning *`). */
export interface InsertPart {
  name: string;
  entity: EntityClass<object>;
  rows: object[];
}

const written = new Map<string, EntityProperty[]>();

/** Written columns (once per entity): scalars and owned relations (as their id); a property whose value is undefined takes the column's default. */
function writtenProps(em: EntityManager, entity: EntityClass<object>): EntityProperty[] {
  let props = written.get(entity.name);
  if (!props) {
    props = em.getMetadata().get(entity.name).props.filter((p) =>
      p.fieldNames?.length === 1 && p.persist !== false && !p.formula &&
      (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)));
    written.set(entity.name, props);
  }
  return props;
}

function columnValue(em: EntityManager, prop: EntityProperty, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (prop.kind !== ReferenceKind.SCALAR) return (value as { id: unknown }).id;
  return prop.customType ? prop.customType.convertToDatabaseValue(value, em.getPlatform(), { mode: 'query' }) : value;
}

/** `name as (insert into … values … returning *)` for each part, with their parameters in order. */
export function insertCtes(em: EntityManager, parts: readonly InsertPart[]): { ctes: string; params: unknown[] } {
  const params: unknown[] = [];
  const ctes = parts.filter((part) => part.rows.length > 0).map(({ name, entity, rows }) => {
    const meta = em.getMetadata().get(entity.name);
    const props = writtenProps(em, entity).filter((p) => rows.some((row) => (row as Record<string, unknown>)[p.name] !== undefined));
    const values = rows.map((row) => `(${props.map((p) => {
      const value = columnValue(em, p, (row as Record<string, unknown>)[p.name]);
      if (value === undefined) return 'default';
      params.push(value);
      return '?';
    }).join(', ')})`);
    return `${name} as (insert into "${meta.tableName}" (${props.map((p) => `"${p.fieldNames[0]}"`).join(', ')}) values ${values.join(', ')} returning *)`;
  });
  return { ctes: ctes.join(',\n'), params };
}
