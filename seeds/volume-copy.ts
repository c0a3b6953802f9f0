// Loading the volume with COPY: one stream per table and the columns each table is written with (see volume.ts).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text format: tab-separated, `\N` for null, backslash escapes. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}
export const iso = (ms: number) => new Date(ms).toISOString();

/** One COPY stream per table, on its own connection, fed in chunks with back-pressure. */
export class TableWriter {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  private constructor(
    private readonly client: pg.Client,
    private readonly stream: Writable,
    private readonly done: Promise<unknown>,
  ) {}

  static async open(url: string, table: string, columns: string[]): Promise<TableWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Foreign keys and triggers are not checked row by row during the load: the generator writes consistent
    // rows, and the derived tables (the queue's counters) are rebuilt in one statement afterwards.
    await client.query(`set session_replication_role = replica`);
    const stream = client.query(copyFrom(`copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`));
    const done = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    return new TableWriter(client, stream, done);
  }

  row(values: Array<string | number | boolean | null>): void {
    const line = `${values.map(field).join('\t')}\n`;
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
  }

  async flush(force = false): Promise<void> {
    if (this.size < 1 << 20 && !force) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (chunk && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await this.done;
    await this.client.end();
  }
}

export const COLUMNS = {
  users: ['id', 'username', 'email', 'display_name', 'role', 'active', 'password_hash', 'created_at', 'updated_at'],
  customer_profiles: ['id', 'user_id', 'phone', 'shipping_address'],
  merchant_profiles: ['id', 'user_id', 'name', 'marketplace_seller', 'return_window_days', 'response_sla_hours', 'sla_timeout_action', 'auto_approve_limit_minor', 'restocking_fee_percent', 'warehouse_address', 'refund_shipping', 'created_at'],
  products: ['id', 'merchant_id', 'sku', 'name', 'price_minor', 'stock'],
  orders: ['id', 'number', 'customer_id', 'merchant_id', 'status', 'currency', 'subtotal_minor', 'shipping_fee_minor', 'tax_minor', 'total_minor', 'payment_reference', 'placed_at', 'confirmed_at', 'shipped_at', 'delivered_at', 'version', 'created_at', 'updated_at'],
  order_items: ['id', 'order_id', 'product_id', 'position', 'sku', 'name', 'quantity', 'unit_price_minor', 'final_sale'],
  return_cases: ['id', 'number', 'order_id', 'customer_id', 'merchant_id', 'type', 'outcome', 'reason', 'description', 'status', 'priority', 'assignee_id', 'sla_due_at', 'sla_clock_started_at', 'merchant_response_due_at', 'refund_amount_minor', 'restocking_fee_minor', 'currency', 'carrier', 'tracking_number', 'decision_reason', 'inspection_passed', 'risk_label', 'risk_score', 'version', 'created_at', 'updated_at', 'first_response_at', 'decided_at', 'disputed_at', 'shipped_at', 'received_at', 'inspected_at', 'refunded_at', 'closed_at'],
  return_items: ['id', 'return_case_id', 'order_item_id', 'position', 'quantity', 'condition', 'restockable', 'active'],
  case_events: ['id', 'return_case_id', 'type', 'actor_id', 'actor_label', 'from_status', 'to_status', 'payload', 'created_at'],
  case_notes: ['id', 'return_case_id', 'author_id', 'visibility', 'body', 'created_at'],
  risk_scores: ['id', 'return_case_id', 'model_version', 'score', 'label', 'reason_codes', 'features', 'created_at'],
  evidence_documents: ['id', 'return_case_id', 'kind', 'file_name', 'content_type', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by_id', 'created_at'],
  refunds: ['id', 'return_case_id', 'order_id', 'provider', 'provider_refund_id', 'idempotency_key', 'amount_minor', 'currency', 'state', 'attempts', 'last_error', 'created_at', 'updated_at'],
} as const;
export type Table = keyof typeof COLUMNS;
