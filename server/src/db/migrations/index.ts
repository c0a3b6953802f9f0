import { Migration20261122051908_money_fulfilment } from './Migration20261122051908_money_fulfilment.js';
import { Migration20261122052916_documents_previews } from './Migration20261122052916_documents_previews.js';
import { Migration20261122051819_background_work } from './Migration20261122051819_background_work.js';
import { Migration20261122050026_workflow_fields } from './Migration20261122050026_workflow_fields.js';
import { Migration20261122044817_initial } from './Migration20261122044817_initial.js';
// Migrations are imported statically: Node's own import() cannot load .ts files under the test runner.
// Add each new migration here, in order.
export const migrationsList = [
  { name: 'Migration20261122044817_initial', class: Migration20261122044817_initial },
  { name: 'Migration20261122050026_workflow_fields', class: Migration20261122050026_workflow_fields },
  { name: 'Migration20261122051908_money_fulfilment', class: Migration20261122051908_money_fulfilment },
  { name: 'Migration20261122052916_documents_previews', class: Migration20261122052916_documents_previews },
  { name: 'Migration20261122051819_background_work', class: Migration20261122051819_background_work },
];
