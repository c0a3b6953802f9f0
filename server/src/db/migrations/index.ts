import { Migration20261122044817_initial } from './Migration20261122044817_initial.js';
import { Migration20261122050026_workflow_fields } from './Migration20261122050026_workflow_fields.js';
import { Migration20261122051819_background_work } from './Migration20261122051819_background_work.js';
import { Migration20261122051908_money_fulfilment } from './Migration20261122051908_money_fulfilment.js';
import { Migration20261122052916_documents_previews } from './Migration20261122052916_documents_previews.js';
import { Migration20261122060000_queue_at_scale } from './Migration20261122060000_queue_at_scale.js';
import { Migration20261122070000_merchant_decisions_index } from './Migration20261122070000_merchant_decisions_index.js';
import { Migration20261122075038_refund_retries } from './Migration20261122075038_refund_retries.js';
import { Migration20261122080000_queue_search_trigram } from './Migration20261122080000_queue_search_trigram.js';
import { Migration20261122081000_simulated_provider_slow } from './Migration20261122081000_simulated_provider_slow.js';
import { Migration20261205073000_document_thumbnail_jobs } from './Migration20261205073000_document_thumbnail_jobs.js';
import { Migration20261205160000_queue_day_counts } from './Migration20261205160000_queue_day_counts.js';
import { Migration20261205163000_user_access_changes } from './Migration20261205163000_user_access_changes.js';
import { Migration20261205170000_queue_month_counts } from './Migration20261205170000_queue_month_counts.js';
import { Migration20261207042926_case_event_sequence } from './Migration20261207042926_case_event_sequence.js';
import { Migration20261207042936_model_registry } from './Migration20261207042936_model_registry.js';
import { Migration20261207043200_rate_limit_counters } from './Migration20261207043200_rate_limit_counters.js';
import { Migration20261207043800_webhook_endpoint_disabling } from './Migration20261207043800_webhook_endpoint_disabling.js';
import { Migration20261207045140_storage_key_indexes } from './Migration20261207045140_storage_key_indexes.js';
import { Migration20261207051900_order_cancellation_by_support } from './Migration20261207051900_order_cancellation_by_support.js';
import { Migration20261207053300_return_cases_updated_at_order } from './Migration20261207053300_return_cases_updated_at_order.js';
import { Migration20261207054700_webhook_operations } from './Migration20261207054700_webhook_operations.js';
import { Migration20261207055700_demo_clock } from './Migration20261207055700_demo_clock.js';
import { Migration20261207114644_retire_queue_day_counts } from './Migration20261207114644_retire_queue_day_counts.js';
import { Migration20261207115304_shipment_evidence } from './Migration20261207115304_shipment_evidence.js';
import { Migration20261207121302_risk_score_inputs } from './Migration20261207121302_risk_score_inputs.js';
import { Migration20261207121647_return_rule_sets } from './Migration20261207121647_return_rule_sets.js';
import { Migration20261207130136_case_matched_rules } from './Migration20261207130136_case_matched_rules.js';
import { Migration20261207131117_product_category } from './Migration20261207131117_product_category.js';
<<<<<<< HEAD
import { Migration20261207143301_case_outcomes_refund_timing } from './Migration20261207143301_case_outcomes_refund_timing.js';
=======
import { Migration20261207143236_store_credit_ledger } from './Migration20261207143236_store_credit_ledger.js';
>>>>>>> h-credit
// Migrations are imported statically: Node's own import() cannot load .ts files under the test runner.
// Add each new migration here, in order.
export const migrationsList = [
  { name: 'Migration20261122044817_initial', class: Migration20261122044817_initial },
  { name: 'Migration20261122050026_workflow_fields', class: Migration20261122050026_workflow_fields },
  { name: 'Migration20261122051819_background_work', class: Migration20261122051819_background_work },
  { name: 'Migration20261122051908_money_fulfilment', class: Migration20261122051908_money_fulfilment },
  { name: 'Migration20261122052916_documents_previews', class: Migration20261122052916_documents_previews },
  { name: 'Migration20261122060000_queue_at_scale', class: Migration20261122060000_queue_at_scale },
  { name: 'Migration20261122070000_merchant_decisions_index', class: Migration20261122070000_merchant_decisions_index },
  { name: 'Migration20261122075038_refund_retries', class: Migration20261122075038_refund_retries },
  { name: 'Migration20261122080000_queue_search_trigram', class: Migration20261122080000_queue_search_trigram },
  { name: 'Migration20261122081000_simulated_provider_slow', class: Migration20261122081000_simulated_provider_slow },
  { name: 'Migration20261205073000_document_thumbnail_jobs', class: Migration20261205073000_document_thumbnail_jobs },
  { name: 'Migration20261205160000_queue_day_counts', class: Migration20261205160000_queue_day_counts },
  { name: 'Migration20261205163000_user_access_changes', class: Migration20261205163000_user_access_changes },
  { name: 'Migration20261205170000_queue_month_counts', class: Migration20261205170000_queue_month_counts },
  { name: 'Migration20261207042926_case_event_sequence', class: Migration20261207042926_case_event_sequence },
  { name: 'Migration20261207042936_model_registry', class: Migration20261207042936_model_registry },
  { name: 'Migration20261207043200_rate_limit_counters', class: Migration20261207043200_rate_limit_counters },
  { name: 'Migration20261207043800_webhook_endpoint_disabling', class: Migration20261207043800_webhook_endpoint_disabling },
  { name: 'Migration20261207045140_storage_key_indexes', class: Migration20261207045140_storage_key_indexes },
  { name: 'Migration20261207051900_order_cancellation_by_support', class: Migration20261207051900_order_cancellation_by_support },
  { name: 'Migration20261207053300_return_cases_updated_at_order', class: Migration20261207053300_return_cases_updated_at_order },
  { name: 'Migration20261207054700_webhook_operations', class: Migration20261207054700_webhook_operations },
  { name: 'Migration20261207055700_demo_clock', class: Migration20261207055700_demo_clock },
  { name: 'Migration20261207114644_retire_queue_day_counts', class: Migration20261207114644_retire_queue_day_counts },
  { name: 'Migration20261207115304_shipment_evidence', class: Migration20261207115304_shipment_evidence },
  { name: 'Migration20261207121302_risk_score_inputs', class: Migration20261207121302_risk_score_inputs },
  { name: 'Migration20261207121647_return_rule_sets', class: Migration20261207121647_return_rule_sets },
  { name: 'Migration20261207130136_case_matched_rules', class: Migration20261207130136_case_matched_rules },
  { name: 'Migration20261207131117_product_category', class: Migration20261207131117_product_category },
<<<<<<< HEAD
  { name: 'Migration20261207143301_case_outcomes_refund_timing', class: Migration20261207143301_case_outcomes_refund_timing },
=======
  { name: 'Migration20261207143236_store_credit_ledger', class: Migration20261207143236_store_credit_ledger },
>>>>>>> h-credit
];
