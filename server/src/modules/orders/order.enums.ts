import { registerEnumType } from 'type-graphql';

export enum OrderStatus {
  PENDING = 'pending',
  CONFIRMED = 'confirmed',
  PROCESSING = 'processing',
  SHIPPED = 'shipped',
  DELIVERED = 'delivered',
  CANCELLED = 'cancelled',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });
